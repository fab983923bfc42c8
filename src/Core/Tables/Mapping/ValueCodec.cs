using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Converts one .NET value to the attribute value the SDK's DynamoDBContext stores for it (V2 conversion, empty
/// strings kept) and back. Built once per property type; a codec never reflects per value.
/// </summary>
/// <typeparam name="V">The .NET type.</typeparam>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal abstract class ValueCodec<V>
{
    /// <summary>
    /// The attribute value to store; null when the SDK stores nothing for this value (null, an empty set), or
    /// <see cref="Codec.Defer"/> when only the SDK knows what it does with it (then the whole item goes through the SDK).
    /// </summary>
    public abstract AttributeValue? Write(V value);

    /// <summary>
    /// The value an attribute holds when it has the form this codec writes; false for any other form (a NULL, a
    /// number stored as text by other code), which sends the whole item through the SDK's lenient conversions.
    /// </summary>
    public abstract bool TryRead(AttributeValue stored, out V value);

    /// <summary>
    /// The value an attribute holds, read straight from the response JSON (<paramref name="reader"/> at the start of
    /// the attribute value, <c>{"S":"..."}</c>; at its end afterwards when true). False exactly when
    /// <see cref="TryRead"/> would be false for the attribute value the SDK makes of that JSON; the reader's position
    /// is then undefined (the item is read again from its bytes). This default goes through that attribute value
    /// (<see cref="AttributeJson"/>); the common codecs read the JSON directly.
    /// </summary>
    public virtual bool TryReadJson(ref Utf8JsonReader reader, out V value)
    {
        if (AttributeJson.Read(ref reader) is { } stored)
        {
            return TryRead(stored, out value);
        }

        value = default!;
        return false;
    }
}

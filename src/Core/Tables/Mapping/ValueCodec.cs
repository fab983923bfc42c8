using System.Diagnostics.CodeAnalysis;
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
}

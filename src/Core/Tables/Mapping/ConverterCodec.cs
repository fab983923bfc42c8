using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A property with <c>[DynamoDBProperty(typeof(Converter))]</c>: the user's <see cref="IPropertyConverter"/> (one
/// instance, made once) turns the value into an SDK entry and back; the entry is stored with the V2 conversion and
/// empty strings kept. A null value, or an entry that stores nothing, is left to the SDK.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class ConverterCodec<V>(IPropertyConverter converter) : ValueCodec<V>
{
    private const string Slot = "v";

    public override AttributeValue? Write(V value)
    {
        if (value is null || converter.ToEntry(value) is not { } entry)
        {
            return Codec.Defer;
        }

        var map = new Document { [Slot] = entry }.ToAttributeMap(AttributeValues.Conversion, isEmptyStringValueEnabled: true);
        return map.TryGetValue(Slot, out var av) ? av : Codec.Defer;
    }

    public override bool TryRead(AttributeValue stored, out V value)
    {
        var entry = Document.FromAttributeMap(new Dictionary<string, AttributeValue> { [Slot] = stored })[Slot];
        if (converter.FromEntry(entry) is V converted)
        {
            value = converted;
            return true;
        }

        value = default!;
        return false;
    }
}

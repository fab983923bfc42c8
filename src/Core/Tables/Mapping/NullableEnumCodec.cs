using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A nullable enum as the SDK stores it: the SDK's conversion has no converter for <c>Nullable&lt;TEnum&gt;</c> and
/// stores the boxed enum as an object, a map of its one field (<c>{"value__": {"N": "1"}}</c>); null stores nothing.
/// Written and read here in exactly that form, so the compiled mapping and DynamoDBContext share the stored items
/// (conditions on such a property compare the same map, see <c>PropertyValues</c>).
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class NullableEnumCodec<E>(ValueCodec<E> inner) : ValueCodec<E?>
    where E : struct, System.Enum
{
    /// <summary>The name of an enum's value field, which is what the SDK's object conversion finds on a boxed enum.</summary>
    public const string ValueField = "value__";

    public override AttributeValue? Write(E? value) =>
        value is { } v && inner.Write(v) is { } number ? new AttributeValue { M = new Dictionary<string, AttributeValue>(1) { [ValueField] = number } } : null;

    public override bool TryRead(AttributeValue stored, out E? value)
    {
        value = null;
        if (stored.M is not { Count: 1 } map || !map.TryGetValue(ValueField, out var number) || !inner.TryRead(number, out var v))
        {
            return false;
        }

        value = v;
        return true;
    }

    public override bool TryReadJson(ref Utf8JsonReader reader, out E? value)
    {
        value = null;
        if (!AttributeJson.Open(ref reader, "M"u8) || reader.TokenType != JsonTokenType.StartObject || !reader.Read()
            || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("value__"u8) || !reader.Read()
            || !inner.TryReadJson(ref reader, out var v) || !reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        value = v;
        return AttributeJson.Close(ref reader);
    }
}

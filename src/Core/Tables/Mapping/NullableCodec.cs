using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>A nullable value type: null stores nothing (as the SDK), a value is stored by the inner codec.</summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class NullableCodec<V>(ValueCodec<V> inner) : ValueCodec<V?>
    where V : struct
{
    public override AttributeValue? Write(V? value) => value is { } v ? inner.Write(v) : null;

    public override bool TryRead(AttributeValue stored, out V? value)
    {
        var ok = inner.TryRead(stored, out var v);
        value = ok ? v : null;
        return ok;
    }

    public override bool TryReadJson(ref Utf8JsonReader reader, out V? value)
    {
        var ok = inner.TryReadJson(ref reader, out var v);
        value = ok ? v : null;
        return ok;
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A class as an attribute map: the table class itself, or a nested class stored as M (as the SDK stores one). An
/// instance of a subclass is left to the SDK, which knows how it treats the extra properties.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class ObjectCodec<O> : ValueCodec<O?>
    where O : class, new()
{
    private ImmutableArray<PropertyMap<O>> properties = [];

    /// <summary>The property maps; set once, right after construction (a class may contain itself only via the SDK path).</summary>
    public ImmutableArray<PropertyMap<O>> Properties
    {
        get => properties;
        set => properties = value;
    }

    /// <summary>
    /// The item's attribute map, or null when the SDK must map it; the stored names of its null properties are added to
    /// <paramref name="nulls"/> when given (an empty set also stores nothing, but is not null: a save leaves it alone).
    /// </summary>
    public Dictionary<string, AttributeValue>? WriteMap(O item, List<string>? nulls = null)
    {
        if (item.GetType() != typeof(O))
        {
            return null;
        }

        var map = new Dictionary<string, AttributeValue>(properties.Length);
        foreach (var p in properties)
        {
            if (!p.Write(item, map))
            {
                return null;
            }

            if (nulls is not null && !map.ContainsKey(p.AttributeName) && p.IsNull(item))
            {
                nulls.Add(p.AttributeName);
            }
        }

        return map;
    }

    /// <summary>The object an attribute map holds, or null when some attribute has a form only the SDK reads.</summary>
    public O? ReadMap(Dictionary<string, AttributeValue> map)
    {
        var item = new O();
        foreach (var p in properties)
        {
            if (map.TryGetValue(p.AttributeName, out var stored) && !p.Read(item, stored))
            {
                return null;
            }
        }

        return item;
    }

    /// <summary>
    /// The object an attribute map's JSON holds (<paramref name="reader"/> at the map's start; at its end afterwards),
    /// or null exactly when <see cref="ReadMap"/> would give null for the map the SDK makes of that JSON. Attributes
    /// the class does not map are skipped, as <see cref="ReadMap"/> ignores them.
    /// </summary>
    public O? ReadJsonMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var item = new O();
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var p = Find(ref reader, next);
            if (!reader.Read())
            {
                return null;
            }

            if (p < 0)
            {
                reader.Skip();
                continue;
            }

            if (!properties[p].ReadJson(item, ref reader))
            {
                return null;
            }

            next = p + 1;
        }

        return reader.TokenType == JsonTokenType.EndObject ? item : null;
    }

    public override AttributeValue? Write(O? value) =>
        value is null ? null : WriteMap(value) is { } map ? new AttributeValue { M = map } : Codec.Defer;

    public override bool TryRead(AttributeValue stored, out O? value)
    {
        value = stored.M is { } map ? ReadMap(map) : null;
        return value is not null;
    }

    public override bool TryReadJson(ref Utf8JsonReader reader, out O? value)
    {
        value = AttributeJson.Open(ref reader, "M"u8) ? ReadJsonMap(ref reader) : null;
        return value is not null && AttributeJson.Close(ref reader);
    }

    /// <summary>The property stored under the name at the reader; the one after the last found is tried first (stored order often follows it).</summary>
    private int Find(ref Utf8JsonReader reader, int next)
    {
        for (var i = 0; i < properties.Length; i++)
        {
            var p = (next + i) % properties.Length;
            if (reader.ValueTextEquals(properties[p].Utf8Name))
            {
                return p;
            }
        }

        return -1;
    }
}

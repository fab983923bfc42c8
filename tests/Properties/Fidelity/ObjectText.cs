using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects.Properties.Fidelity;

/// <summary>
/// Canonical text of objects and stored items for the differential property: every public property and field of the
/// runtime type (so a derived type shows), sets sorted, dates with their kind, and generated timestamps replaced by
/// the order in which each distinct one first appeared (the two sides run at different moments, so only which
/// timestamps are equal to which can be compared).
/// </summary>
internal sealed class ObjectText
{
    private readonly Dictionary<string, int> timestamps = new(StringComparer.Ordinal);

    /// <summary>A generated timestamp as the ordinal of its first appearance (<c>T1</c>, <c>T2</c>...).</summary>
    public string Timestamp(DateTime utc)
    {
        var text = utc.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);
        if (!timestamps.TryGetValue(text, out var n))
        {
            n = timestamps.Count + 1;
            timestamps[text] = n;
        }

        return "T" + n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An object, with the properties named in <paramref name="stamped"/> shown as timestamp ordinals.</summary>
    public string Of(object? value, ISet<string> stamped)
    {
        var text = new StringBuilder();
        Write(value, stamped, text, depth: 0, member: null);
        return text.ToString();
    }

    /// <summary>A stored item (canonical JSON), with the attributes named in <paramref name="stamped"/> shown as timestamp ordinals.</summary>
    public string Of(Dictionary<string, AttributeValue>? item, ISet<string> stamped)
    {
        if (item is null || item.Count == 0)
        {
            return "(none)";
        }

        var o = new JsonObject();
        foreach (var (name, value) in item.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            o[name] = stamped.Contains(name) && value.S is { } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var when)
                ? JsonValue.Create(Timestamp(when))
                : Json(value);
        }

        return o.ToJsonString();
    }

    private static JsonNode Json(AttributeValue v) =>
        v.S is not null ? new JsonObject { ["S"] = v.S }
        : v.N is not null ? new JsonObject { ["N"] = v.N }
        : v.BOOL is { } b ? new JsonObject { ["BOOL"] = b }
        : v.NULL == true ? new JsonObject { ["NULL"] = true }
        : v.SS is { Count: > 0 } ss ? new JsonObject { ["SS"] = new JsonArray([.. ss.Order(StringComparer.Ordinal).Select(x => JsonValue.Create(x))]) }
        : v.NS is { Count: > 0 } ns ? new JsonObject { ["NS"] = new JsonArray([.. ns.Order(StringComparer.Ordinal).Select(x => JsonValue.Create(x))]) }
        : v.M is not null ? new JsonObject { ["M"] = new JsonObject(v.M.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Json(kv.Value)))) }
        : v.L is not null ? new JsonObject { ["L"] = new JsonArray([.. v.L.Select(x => (JsonNode?)Json(x))]) }
        : v.B is not null ? new JsonObject { ["B"] = Convert.ToBase64String(v.B.ToArray()) }
        : new JsonObject { ["?"] = "unknown" };

    private void Write(object? value, ISet<string> stamped, StringBuilder text, int depth, string? member)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case DateTime d:
                text.Append(member is not null && stamped.Contains(member) ? Timestamp(d) : d.ToString("o", CultureInfo.InvariantCulture)).Append('/').Append(d.Kind);
                return;
            case DateTimeOffset o:
                text.Append(member is not null && stamped.Contains(member) ? Timestamp(o.UtcDateTime) : o.ToString("o", CultureInfo.InvariantCulture));
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal || value.GetType().IsEnum:
                text.Append(value.GetType().IsEnum ? value.ToString() : f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case IEnumerable items:
                var parts = items.Cast<object?>().Select(i => Of(i, stamped)).ToList();
                if (value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(HashSet<>))
                {
                    parts.Sort(StringComparer.Ordinal);
                }

                text.Append('[').AppendJoin(",", parts).Append(']');
                return;
        }

        if (depth > 8)
        {
            text.Append("...");
            return;
        }

        var type = value.GetType();
        text.Append(type.Name).Append('{');
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (p.Name, Value: p.GetValue(value)))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => (f.Name, Value: f.GetValue(value))))
            .OrderBy(m => m.Name, StringComparer.Ordinal);
        foreach (var (name, v) in members)
        {
            text.Append(name).Append('=');
            Write(v, stamped, text, depth + 1, depth == 0 ? name : null);
            text.Append(';');
        }

        text.Append('}');
    }
}

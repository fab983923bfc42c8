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
/// labels. The two sides run at different moments, so a timestamp can only be compared by what it is to the other
/// timestamps of the same key: its label is the order in which its millisecond first appeared for that key (a new
/// one when the side stamped it again, the same one when it kept it or only rounded it to milliseconds on a
/// reload), and a held timestamp that is not exactly the stored one is marked <c>~</c>. Timestamps of different keys
/// are not related: two items stamped in one batch may or may not share a millisecond, on either side.
/// </summary>
internal sealed class ObjectText
{
    private readonly Dictionary<string, List<long>> millisecondsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Member), DateTime> storedExactly = [];

    /// <summary>A generated timestamp of <paramref name="key"/> as the ordinal of its millisecond's first appearance.</summary>
    public string Timestamp(string key, DateTime utc)
    {
        var millisecond = utc.ToUniversalTime().Ticks / TimeSpan.TicksPerMillisecond;
        if (!millisecondsByKey.TryGetValue(key, out var known))
        {
            millisecondsByKey[key] = known = [];
        }

        var n = known.IndexOf(millisecond);
        if (n < 0)
        {
            known.Add(millisecond);
            n = known.Count - 1;
        }

        return "T" + (n + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An object, with the properties named in <paramref name="stamped"/> shown as timestamp ordinals.</summary>
    public string Of(string key, object? value, ISet<string> stamped)
    {
        var text = new StringBuilder();
        Write(key, value, stamped, text, depth: 0, member: null);
        return text.ToString();
    }

    /// <summary>A stored item (canonical JSON), with the attributes named in <paramref name="stamped"/> shown as timestamp ordinals.</summary>
    public string Of(string key, Dictionary<string, AttributeValue>? item, ISet<string> stamped)
    {
        foreach (var member in stamped)
        {
            storedExactly.Remove((key, member));
        }

        if (item is null || item.Count == 0)
        {
            return "(none)";
        }

        var o = new JsonObject();
        foreach (var (name, value) in item.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            o[name] = stamped.Contains(name) && value.S is { } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var when)
                ? JsonValue.Create(Stored(key, name, when))
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

    private string Stored(string key, string member, DateTime utc)
    {
        storedExactly[(key, member)] = utc.ToUniversalTime();
        return Timestamp(key, utc);
    }

    private string Held(string key, string member, DateTime value) =>
        Timestamp(key, value) + (storedExactly.TryGetValue((key, member), out var stored) && stored != value.ToUniversalTime() ? "~" : string.Empty);

    private void Write(string key, object? value, ISet<string> stamped, StringBuilder text, int depth, string? member)
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
                text.Append(member is not null && stamped.Contains(member) ? Held(key, member, d) : d.ToString("o", CultureInfo.InvariantCulture)).Append('/').Append(d.Kind);
                return;
            case DateTimeOffset o:
                text.Append(member is not null && stamped.Contains(member) ? Held(key, member, o.UtcDateTime) : o.ToString("o", CultureInfo.InvariantCulture));
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal || value.GetType().IsEnum:
                text.Append(value.GetType().IsEnum ? value.ToString() : f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case IEnumerable items:
                var parts = items.Cast<object?>().Select(i => Of(key, i, stamped)).ToList();
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
            Write(key, v, stamped, text, depth + 1, depth == 0 ? name : null);
            text.Append(';');
        }

        text.Append('}');
    }
}

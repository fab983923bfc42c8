using System;
using System.Collections.Generic;
using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// What a raw-SDK user writes by hand for <see cref="BenchOrder"/>: the attribute map and back, attribute by attribute,
/// in the same stored form the SDK's object mapping uses (so all paths read the same canned responses).
/// </summary>
internal static class HandMapping
{
    private const string Iso = "yyyy-MM-dd\\THH:mm:ss.fff\\Z";

    public static Dictionary<string, AttributeValue> ToAttributes(BenchOrder o)
    {
        var map = new Dictionary<string, AttributeValue>(10)
        {
            ["customer"] = new AttributeValue { S = o.Customer },
            ["seq"] = new AttributeValue { N = o.Seq.ToString(CultureInfo.InvariantCulture) },
            ["name"] = new AttributeValue { S = o.Name },
            ["total"] = new AttributeValue { N = o.Total.ToString(CultureInfo.InvariantCulture) },
            ["qty"] = new AttributeValue { N = o.Quantity.ToString(CultureInfo.InvariantCulture) },
            ["placed"] = new AttributeValue { S = o.PlacedAt.ToUniversalTime().ToString(Iso, CultureInfo.InvariantCulture) },
            ["status"] = new AttributeValue { N = ((int)o.Status).ToString(CultureInfo.InvariantCulture) },
            ["paid"] = new AttributeValue { BOOL = o.Paid },
        };
        if (o.Tags is { Count: > 0 } tags)
        {
            map["tags"] = new AttributeValue { SS = [.. tags] };
        }

        if (o.Note is { } note)
        {
            map["note"] = new AttributeValue { S = note };
        }

        return map;
    }

    public static BenchOrder FromAttributes(Dictionary<string, AttributeValue> map)
    {
        var o = new BenchOrder
        {
            Customer = map["customer"].S,
            Seq = int.Parse(map["seq"].N, CultureInfo.InvariantCulture),
            Name = map["name"].S,
            Total = decimal.Parse(map["total"].N, CultureInfo.InvariantCulture),
            Quantity = int.Parse(map["qty"].N, CultureInfo.InvariantCulture),
            PlacedAt = DateTime.ParseExact(map["placed"].S, Iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            Status = (OrderStatus)int.Parse(map["status"].N, CultureInfo.InvariantCulture),
            Paid = map["paid"].BOOL == true,
        };
        if (map.TryGetValue("tags", out var tags))
        {
            o.Tags = [.. tags.SS];
        }

        if (map.TryGetValue("note", out var note))
        {
            o.Note = note.S;
        }

        return o;
    }

    /// <summary>The key of order <paramref name="seq"/> of <paramref name="customer"/>.</summary>
    public static Dictionary<string, AttributeValue> Key(string customer, int seq) => new(2)
    {
        ["customer"] = new AttributeValue { S = customer },
        ["seq"] = new AttributeValue { N = seq.ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>Throws unless the two orders are equal (a setup check that all paths read the same thing).</summary>
    public static void ExpectSame(BenchOrder expected, BenchOrder? actual, string what)
    {
        if (actual is null || actual.Customer != expected.Customer || actual.Seq != expected.Seq || actual.Name != expected.Name || actual.Total != expected.Total
            || actual.Quantity != expected.Quantity || actual.PlacedAt != expected.PlacedAt || actual.PlacedAt.Kind != DateTimeKind.Utc || actual.Status != expected.Status
            || actual.Paid != expected.Paid || actual.Note != expected.Note || !(actual.Tags ?? []).SetEquals(expected.Tags ?? []))
        {
            throw new InvalidOperationException($"Benchmark setup: {what} read a different order than expected ({expected.Customer}/{expected.Seq}).");
        }
    }
}

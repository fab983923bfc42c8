using System;
using System.Collections.Generic;
using System.Globalization;
using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// The item of the client-side suite: a hash and a range key (so a query returns many items) and the kinds of
/// attributes a real order has — text, a decimal, an integer, a date, an enum, a flag, a string set and an optional
/// note — about 300 bytes stored.
/// </summary>
[DynamoDBTable("bench_orders")]
public sealed class BenchOrder
{
    /// <summary>The hash key.</summary>
    [DynamoDBHashKey("customer")]
    public string Customer { get; set; } = string.Empty;

    /// <summary>The range key.</summary>
    [DynamoDBRangeKey("seq")]
    public int Seq { get; set; }

    /// <summary>A product name.</summary>
    [DynamoDBProperty("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>A money amount.</summary>
    [DynamoDBProperty("total")]
    public decimal Total { get; set; }

    /// <summary>A count.</summary>
    [DynamoDBProperty("qty")]
    public int Quantity { get; set; }

    /// <summary>A date, stored as ISO text.</summary>
    [DynamoDBProperty("placed")]
    public DateTime PlacedAt { get; set; }

    /// <summary>An enum, stored as its number.</summary>
    [DynamoDBProperty("status")]
    public OrderStatus Status { get; set; }

    /// <summary>A flag.</summary>
    [DynamoDBProperty("paid")]
    public bool Paid { get; set; }

    /// <summary>A string set.</summary>
    [DynamoDBProperty("tags")]
    public HashSet<string>? Tags { get; set; }

    /// <summary>Optional text (absent on every third item).</summary>
    [DynamoDBProperty("note")]
    public string? Note { get; set; }

    /// <summary>The deterministic order <paramref name="seq"/> of <paramref name="customer"/>.</summary>
    public static BenchOrder Make(string customer, int seq) => new()
    {
        Customer = customer,
        Seq = seq,
        Name = string.Create(CultureInfo.InvariantCulture, $"Product {seq % 97:D2} — standard edition"),
        Total = 10.25m + (seq % 1000),
        Quantity = 1 + (seq % 9),
        PlacedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(seq * 7.5),
        Status = (OrderStatus)(seq % 4),
        Paid = seq % 2 == 0,
        Tags = seq % 3 == 0 ? ["gift", "express"] : ["standard"],
        Note = seq % 3 == 2 ? null : string.Create(CultureInfo.InvariantCulture, $"Leave at the door, ring twice; order {seq} of {customer}."),
    };
}

using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using FsCheck;
using FsCheck.Fluent;

namespace SessionEffects.Properties.DirectRead;

/// <summary>The client-side benchmark's order (benchmarks/…/BenchOrder.cs), as a test class: the direct read's main customer.</summary>
[DynamoDBTable("direct_orders")]
public sealed class DirectOrder
{
    [DynamoDBHashKey("customer")]
    public string Customer { get; set; } = string.Empty;

    [DynamoDBRangeKey("seq")]
    public int Seq { get; set; }

    [DynamoDBProperty("name")]
    public string Name { get; set; } = string.Empty;

    [DynamoDBProperty("total")]
    public decimal Total { get; set; }

    [DynamoDBProperty("qty")]
    public int Quantity { get; set; }

    [DynamoDBProperty("placed")]
    public DateTime PlacedAt { get; set; }

    [DynamoDBProperty("status")]
    public Mapping.Shade Status { get; set; }

    [DynamoDBProperty("paid")]
    public bool Paid { get; set; }

    [DynamoDBProperty("tags")]
#pragma warning disable CA2227 // a mapped set property
    public HashSet<string>? Tags { get; set; }
#pragma warning restore CA2227

    [DynamoDBProperty("note")]
    public string? Note { get; set; }
}

/// <summary>Random orders.</summary>
public static class DirectOrderGenerators
{
    public static Arbitrary<DirectOrder> Orders() => Arb.From(
        from customer in Gen.Elements("c1", "c2", "ß漢", "a\"b\\c")
        from seq in ArbMap.Default.GeneratorFor<int>()
        from name in ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Contains('\0', StringComparison.Ordinal))
        from total in ArbMap.Default.GeneratorFor<decimal>()
        from qty in ArbMap.Default.GeneratorFor<int>()
        from ms in Gen.Choose(0, int.MaxValue)
        from status in Gen.Elements(Mapping.Shade.Red, Mapping.Shade.Blue, (Mapping.Shade)7)
        from paid in ArbMap.Default.GeneratorFor<bool>()
        from tags in Gen.OneOf(Gen.Constant<HashSet<string>?>(null), Gen.NonEmptyListOf(Gen.Elements("gift", "express", "é")).Select(l => (HashSet<string>?)new HashSet<string>(l)))
        from note in Gen.OneOf(Gen.Constant<string?>(null), Gen.Elements<string?>("", "ring twice", "\u2028\t"))
        select new DirectOrder
        {
            Customer = customer,
            Seq = seq,
            Name = name,
            Total = total,
            Quantity = qty,
            PlacedAt = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(ms * 3.0),
            Status = status,
            Paid = paid,
            Tags = tags,
            Note = note,
        });
}

using System;
using System.Collections.Generic;
using SessionEffects.Benchmarks.ClientSide;
using FsCheck;
using FsCheck.Fluent;

namespace SessionEffects.Properties.DirectRead;

/// <summary>
/// Random orders of the client-side benchmark's class (<c>BenchOrder</c>, whose source file the test project links:
/// the class the benchmarks measure is the class these properties prove), with undefined enum values, empty and
/// unusual strings, sets and nulls.
/// </summary>
public static class BenchOrderGenerators
{
    public static Arbitrary<BenchOrder> Orders() => Arb.From(
        from customer in Gen.Elements("c1", "c2", "ß漢", "a\"b\\c")
        from seq in ArbMap.Default.GeneratorFor<int>()
        from name in ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Contains('\0', StringComparison.Ordinal))
        from total in ArbMap.Default.GeneratorFor<decimal>()
        from qty in ArbMap.Default.GeneratorFor<int>()
        from ms in Gen.Choose(0, int.MaxValue)
        from status in Gen.Elements(OrderStatus.Placed, OrderStatus.Shipped, (OrderStatus)7)
        from paid in ArbMap.Default.GeneratorFor<bool>()
        from tags in Gen.OneOf(Gen.Constant<HashSet<string>?>(null), Gen.NonEmptyListOf(Gen.Elements("gift", "express", "é")).Select(l => (HashSet<string>?)new HashSet<string>(l)))
        from note in Gen.OneOf(Gen.Constant<string?>(null), Gen.Elements<string?>("", "ring twice", "\u2028\t"))
        select new BenchOrder
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

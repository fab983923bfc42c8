using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using SessionEffects.Properties.Fixtures;

namespace SessionEffects.Properties.Engines;

/// <summary>Random sequences of item operations over few keys, so that writes, guards and reads meet the same items.</summary>
public static class ItemOpGen
{
    private static readonly string[] Groups = ["g1", "g2"];

    public static Arbitrary<ImmutableList<ItemOp>> Sequences() => Arb.From(
        Gen.Choose(1, 14).SelectMany(n => Gen.ListOf(Op(), n)).Select(ops => ops.ToImmutableList()),
        ops => ops.Count <= 1 ? [] : ShrinkByOne(ops));

    private static System.Collections.Generic.IEnumerable<ImmutableList<ItemOp>> ShrinkByOne(ImmutableList<ItemOp> ops)
    {
        for (var i = 0; i < ops.Count; i++)
        {
            yield return ops.RemoveAt(i);
        }
    }

    private static Gen<ItemOp> Op() => Gen.Frequency(
        (4, from item in Item() from when in Optional(Guard(), 2) select (ItemOp)new PutOp(item, when)),
        (3, from g in Gen.Elements(Groups)
            from s in Gen.Choose(0, 3)
            from name in Gen.Elements<string?>(null, "a", "ab", "b")
            from add in Gen.Elements<int?>(null, 1, -2)
            from tag in Gen.Elements<string?>(null, "a", "c")
            from remove in Gen.Elements(false, true)
            from when in Optional(Guard(), 2)
            where name is not null || add is not null || tag is not null || remove
            select (ItemOp)new UpdateOp(g, s, name, add, tag, remove, when)),
        (2, from g in Gen.Elements(Groups) from s in Gen.Choose(0, 3) from when in Optional(Guard(), 2) select (ItemOp)new DeleteOp(g, s, when)),
        (2, from g in Gen.Elements(Groups)
            from range in Optional(Range(), 1)
            from filter in Optional(Guard(), 1)
            from size in Gen.Choose(1, 4)
            from backwards in Gen.Elements(false, true)
            select (ItemOp)new QueryOp(g, range, filter, size, backwards)),
        (1, from filter in Optional(Guard(), 1) from size in Gen.Choose(1, 5) select (ItemOp)new ScanOp(filter, size)));

    private static Gen<CatalogItem> Item() =>
        from g in Gen.Elements(Groups)
        from s in Gen.Choose(0, 3)
        from name in Gen.Elements("", "a", "ab", "b")
        from size in Gen.Choose(-1, 2)
        from status in Gen.Elements("new", "paid")
        from count in Gen.Choose(-1, 2)
        from note in Gen.Elements<string?>(null, "", "x")
        from tags in Gen.Elements<string[]?>(null, ["a"], ["a", "b"])
        select new CatalogItem { Group = g, Seq = s, Name = name, Size = size, Status = status, Count = count, Note = note, Tags = tags is null ? null : [.. tags] };

    private static Gen<RangeOp> Range() =>
        from op in Gen.Elements("=", "<", "<=", ">", ">=", "BETWEEN")
        from low in Gen.Choose(0, 3)
        from width in Gen.Choose(0, 2)
        select new RangeOp(op, low, low + width);

    private static Gen<T?> Optional<T>(Gen<T> gen, int weight)
        where T : class =>
        Gen.Frequency((weight, gen.Select(g => (T?)g)), (2, Gen.Constant((T?)null)));

    private static Gen<Guard> Guard() => Gen.Frequency(
        (4, Leaf()),
        (1, from a in Leaf() from b in Leaf() select a.And(b)),
        (1, from a in Leaf() from b in Leaf() select a.Or(b)));

    private static Gen<Guard> Leaf() => Gen.OneOf(
        Gen.Choose(-1, 2).Select(k => new Guard($"count > {k}", DynamoCondition.For<CatalogItem>(i => i.Count > k))),
        Gen.Choose(-1, 2).Select(k => new Guard($"count = {k}", DynamoCondition.For<CatalogItem>(i => i.Count == k))),
        Gen.Elements("new", "paid").Select(s => new Guard($"status = {s}", DynamoCondition.For<CatalogItem>(i => i.Status == s))),
        Gen.Constant(new Guard("note absent", DynamoCondition.For<CatalogItem>(i => i.Note == null))),
        Gen.Constant(new Guard("note present", DynamoCondition.For<CatalogItem>(i => i.Note != null))),
        Gen.Elements("a", "b", "").Select(p => new Guard($"name begins with '{p}'", DynamoCondition.For<CatalogItem>(i => i.Name.StartsWith(p)))),
        Gen.Elements("a", "b").Select(t => new Guard($"tags contain {t}", DynamoCondition.For<CatalogItem>(i => i.Tags != null && i.Tags.Contains(t)))),
        Gen.Constant(new Guard("item absent", DynamoCondition.ItemDoesNotExist(DynamoTable.Of<CatalogItem>()))));
}

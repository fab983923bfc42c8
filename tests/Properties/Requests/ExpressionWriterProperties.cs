using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Requests;

/// <summary>
/// Every request is written through one expression writer: random text conditions (whose own placeholders collide on
/// purpose), typed conditions, filters, range conditions and updates, combined in one request, use each placeholder
/// they define and define each one they use — checked on the built requests, and by DynamoDB Local itself, which
/// rejects undefined and unused placeholders.
/// </summary>
public sealed partial class ExpressionWriterProperties
{
    private static readonly DynamoTable<CatalogItem> Catalog = DynamoTable.Of<CatalogItem>();

    /// <summary>One generated request: conditions and update parts, shown as text for counterexamples.</summary>
    public sealed record Case(ImmutableList<(string Text, DynamoCondition Condition)> Conditions, ImmutableList<(string Text, Func<ItemUpdate<CatalogItem>, ItemUpdate<CatalogItem>> Apply)> Updates, int RangeLow)
    {
        public DynamoCondition? Combined() => Conditions.IsEmpty ? null : Conditions.Skip(1).Aggregate(Conditions[0].Condition, (a, c) => a.And(c.Condition));

        public ItemUpdate<CatalogItem> Update()
        {
            var update = Updates.Aggregate(ItemUpdate.Of<CatalogItem>(), (u, part) => part.Apply(u));
            return Combined() is { } c ? update with { Condition = c } : update;
        }

        public override string ToString() =>
            $"conditions [{string.Join(" AND ", Conditions.Select(c => c.Text))}] updates [{string.Join(", ", Updates.Select(u => u.Text))}] range >= {RangeLow}";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Case> Cases() => Arb.From(
            from conditions in Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Condition(), n))
            from updates in Gen.SubListOf(UpdateParts()).Where(l => l.Count > 0)
            from low in Gen.Choose(0, 5)
            select new Case([.. conditions], [.. updates], low));

        /// <summary>Text conditions reuse the same few placeholders (#s, #t, :a, :b) for different attributes and values.</summary>
        private static Gen<(string, DynamoCondition)> Condition() => Gen.OneOf(
            from s in Gen.Elements("status", "name", "Count", "extra")
            from a in Gen.Elements<object>("new", "x", 1, 2)
            select ($"#s = :a [#s={s}, :a={a}]", DynamoCondition.Of("#s = :a", [("#s", s)], [(":a", a)])),
            from t in Gen.Elements("Note", "extra", "size")
            select ($"attribute_exists(#t) [#t={t}]", DynamoCondition.Of("attribute_exists(#t)", [("#t", t)])),
            from s in Gen.Elements("status", "Count")
            from t in Gen.Elements("name", "extra")
            from a in Gen.Elements<object>("paid", 3)
            from b in Gen.Elements<object>("y", 4)
            select ($"(#s = :a OR #t <> :b) [#s={s}, #t={t}]", DynamoCondition.Of("(#s = :a OR #t <> :b)", [("#s", s), ("#t", t)], [(":a", a), (":b", b)])),
            from v in Gen.Choose(-2, 2)
            select ($"typed o.Count > {v} || o.Note == null", DynamoCondition.For<CatalogItem>(o => o.Count > v || o.Note == null)),
            from s in Gen.Elements("new", "paid")
            select ($"typed o.Status != {s} && o.Name.StartsWith(a)", DynamoCondition.For<CatalogItem>(o => o.Status != s && o.Name.StartsWith("a"))),
            Gen.Constant(("NOT exists(#s) typed", DynamoCondition.For<CatalogItem>(o => o.Flag).Not())));

        /// <summary>Update actions on distinct attributes, typed and by stored name.</summary>
        private static IEnumerable<(string, Func<ItemUpdate<CatalogItem>, ItemUpdate<CatalogItem>>)> UpdateParts() =>
        [
            ("set Name", u => u.Set(o => o.Name, "renamed")),
            ("set Status", u => u.Set(o => o.Status, "paid")),
            ("add Count 2", u => u.Add(o => o.Count, 2)),
            ("remove Note", u => u.Remove(o => o.Note)),
            ("add Tags {z}", u => u.Add(o => o.Tags, new HashSet<string> { "z" })),
            ("set extra (unmapped)", u => (ItemUpdate<CatalogItem>)u.AndSet("extra", 7)),
        ];
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Arbitraries)])]
    public Property Every_placeholder_is_defined_once_and_used_and_DynamoDB_accepts_the_request(Case c)
    {
        var problems = Task.Run(() => Check(c)).GetAwaiter().GetResult();
        return (problems.Count == 0).Label(string.Join("\n", problems));
    }

    [Fact]
    public void Two_conditions_with_the_same_placeholder_for_different_attributes_do_not_collide()
    {
        var a = DynamoCondition.Of("#s = :v", [("#s", "status")], [(":v", "open")]);
        var b = DynamoCondition.Of("#s = :v", [("#s", "owner")], [(":v", "ann")]);
        var write = ItemWrites.Update(Catalog, "g", 1, ItemUpdate.Of<CatalogItem>().Set(o => o.Name, "x") with { Condition = a.And(b) });
        Assert.Equal("(#n1 = :v1) AND (#n2 = :v2)", write.Condition);
        Assert.Equal(["name", "status", "owner"], write.Names!.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value));
        Assert.Equal(["x", "open", "ann"], write.Values!.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.S));
    }

    [Fact]
    public void A_placeholder_the_text_uses_but_does_not_define_fails_before_sending()
    {
        var undefined = DynamoCondition.Of("#s = :missing", [("#s", "status")]);
        var ex = Assert.Throws<ArgumentException>(() => ItemWrites.Delete(Catalog, "g", 1, undefined));
        Assert.Contains(":missing", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> Check(Case c)
    {
        var problems = new List<string>();
        var update = ItemWrites.Update(Catalog, "g1", 1, c.Update()).In(Catalog.Name);
        Balanced("UpdateItem", [update.Update, update.Condition], update.Names, update.Values, problems);

        var filter = c.Combined();
        var read = ReadSpec.ForQuery(Catalog, "g1", new QueryOptions { Range = RangeKeyCondition.GreaterThanOrEqual(c.RangeLow), Filter = filter }).In(Catalog.Name);
        var query = read.ToQuery(null, countOnly: false);
        Balanced("Query", [query.KeyConditionExpression, query.FilterExpression], query.ExpressionAttributeNames, query.ExpressionAttributeValues, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        // DynamoDB Local validates placeholders the way DynamoDB does: send both requests for real.
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Writer"));
        var env = SessionEnv.New(session);
        await Run.Value(createTable(Catalog), env);
        await Run.Value(save(Catalog, new CatalogItem { Group = "g1", Seq = 1, Count = 1, Note = "n", Tags = ["a"] }), env);
        try
        {
            await session.DynamoDB.UpdateItemAsync(update.ToUpdateRequest());
        }
        catch (ConditionalCheckFailedException)
        {
            // The condition was understood and did not hold: the expression was valid.
        }
        catch (AmazonDynamoDBException ex)
        {
            problems.Add($"UpdateItem refused: {ex.ErrorCode}: {ex.Message}");
        }

        try
        {
            await session.DynamoDB.QueryAsync(query);
        }
        catch (AmazonDynamoDBException ex)
        {
            problems.Add($"Query refused: {ex.ErrorCode}: {ex.Message}");
        }

        return problems;
    }

    private static void Balanced(string what, string?[] expressions, IReadOnlyDictionary<string, string>? names, IReadOnlyDictionary<string, AttributeValue>? values, List<string> problems)
    {
        var used = expressions.Where(e => e is not null).SelectMany(e => Placeholder().Matches(e!).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var defined = (names?.Keys ?? []).Concat(values?.Keys ?? []).ToList();
        if (defined.Count != defined.Distinct(StringComparer.Ordinal).Count())
        {
            problems.Add($"{what}: a placeholder is defined twice: {string.Join(", ", defined)}");
        }

        if (used.Except(defined).Any() || defined.Except(used).Any())
        {
            problems.Add($"{what}: used [{string.Join(", ", used.Order(StringComparer.Ordinal))}] defined [{string.Join(", ", defined.Order(StringComparer.Ordinal))}] in {string.Join(" | ", expressions)}");
        }
    }

    [GeneratedRegex(@"[#:][A-Za-z0-9_]+")]
    private static partial Regex Placeholder();
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Queries;

/// <summary>
/// Differential property: random items and random predicates from the supported grammar, written to DynamoDB Local
/// and read back through the translated Query, Scan and index Query, give exactly what LINQ-to-objects gives over the
/// same items — reserved-word attribute names, empty strings, nulls and sets included.
/// </summary>
public sealed class QueryDifferentialProperties
{
    private static readonly DynamoTable<CatalogItem> Catalog = DynamoTable.Of<CatalogItem>();

    /// <summary>A predicate as text (for counterexamples) and as an expression tree over the item.</summary>
    public sealed record Predicate(string Text, Func<Expression, Expression> Build)
    {
        public Expression<Func<CatalogItem, bool>> Lambda()
        {
            var o = Expression.Parameter(typeof(CatalogItem), "o");
            return Expression.Lambda<Func<CatalogItem, bool>>(Build(o), o);
        }

        public override string ToString() => Text;
    }

    /// <summary>One generated case: items, a predicate, an optional range condition for the base-table query.</summary>
    public sealed record Case(ImmutableList<CatalogItem> Items, Predicate Where, (string Op, int Value)? Range)
    {
        public override string ToString() =>
            $"where {Where}{(Range is { } r ? $" && o.Seq {r.Op} {r.Value}" : string.Empty)} over [{string.Join(", ", Items.Select(Show))}]";

        private static string Show(CatalogItem i) =>
            $"{i.Group}/{i.Seq}(name=\"{i.Name}\" size={i.Size} status={i.Status} count={i.Count} flag={i.Flag} note={(i.Note is null ? "null" : $"\"{i.Note}\"")} tags={(i.Tags is null ? "null" : "{" + string.Join(",", i.Tags.Order(StringComparer.Ordinal)) + "}")} cat={i.Category})";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Case> Cases() => Arb.From(
            from items in Gen.Choose(1, 16).SelectMany(n => Gen.ListOf(Item(), n))
            from condition in Pred(0)
            from range in Gen.Frequency(
                (2, Gen.Constant(((string, int)?)null)),
                (1, from op in Gen.Elements("==", "<", "<=", ">", ">=") from v in Gen.Choose(0, 16) select ((string, int)?)(op, v)))
            select new Case(Number(items), condition, range),
            c => c.Items.Count <= 1 ? [] : Enumerable.Range(0, c.Items.Count).Select(i => c with { Items = c.Items.RemoveAt(i) }));

        private static ImmutableList<CatalogItem> Number(IEnumerable<CatalogItem> items) =>
            [.. items.Select((item, i) =>
            {
                item.Seq = i;
                return item;
            })];

        private static Gen<CatalogItem> Item() =>
            from g in Gen.Elements("g1", "g2")
            from name in Gen.Elements("", "a", "ab", "abc", "b", "ba", "Z", "za")
            from size in Gen.Choose(-3, 3)
            from status in Gen.Elements("new", "paid", "cancelled")
            from count in Gen.Choose(-3, 3)
            from flag in Gen.Elements(true, false)
            from note in Gen.Elements<string?>(null, "", "x")
            from tags in Gen.Elements<string[]?>(null, ["a"], ["a", "b"], ["c"])
            from cat in Gen.Elements("c1", "c2")
            select new CatalogItem
            {
                Group = g,
                Name = name,
                Size = size,
                Status = status,
                Count = count,
                Flag = flag,
                Note = note,
                Tags = tags is null ? null : [.. tags],
                Category = cat,
            };

        private static Gen<Predicate> Pred(int depth)
        {
            var leaf = Gen.OneOf(
                Compare("Count", Gen.Choose(-3, 3).Select(v => (object)v)),
                Compare("Size", Gen.Choose(-3, 3).Select(v => (object)(long)v)),
                from s in Gen.Elements("", "a", "ab", "Z") from eq in Gen.Elements(true, false) select StringEquality("Name", s, eq),
                from s in Gen.Elements("new", "paid", "cancelled") from eq in Gen.Elements(true, false) select StringEquality("Status", s, eq),
                from s in Gen.Elements<string?>(null, "x", "") from eq in Gen.Elements(true, false) select StringEquality("Note", s, eq),
                Gen.Constant(new Predicate("o.Flag", o => Expression.Property(o, "Flag"))),
                from p in Gen.Elements("a", "ab", "b", "z")
                select new Predicate($"o.Name.StartsWith(\"{p}\", Ordinal)", o => Expression.Call(
                    Expression.Property(o, "Name"), typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string), typeof(StringComparison)])!,
                    Expression.Constant(p), Expression.Constant(StringComparison.Ordinal))),
                from p in Gen.Elements("a", "b", "Z")
                select new Predicate($"o.Name.Contains(\"{p}\")", o => Expression.Call(
                    Expression.Property(o, "Name"), typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!, Expression.Constant(p))),
                from p in Gen.Elements("", "a", "ab", "b", "z")
                from op in Operators()
                select new Predicate($"string.CompareOrdinal(o.Name, \"{p}\") {Symbol(op)} 0", o =>
                    Expression.MakeBinary(op, Expression.Call(typeof(string).GetMethod(nameof(string.CompareOrdinal), [typeof(string), typeof(string)])!, Expression.Property(o, "Name"), Expression.Constant(p)), Expression.Constant(0))),
                from t in Gen.Elements("a", "b", "c")
                select new Predicate($"o.Tags != null && o.Tags.Contains(\"{t}\")", o => Expression.AndAlso(
                    Expression.NotEqual(Expression.Property(o, "Tags"), Expression.Constant(null, typeof(HashSet<string>))),
                    Expression.Call(Expression.Property(o, "Tags"), typeof(HashSet<string>).GetMethod(nameof(HashSet<string>.Contains))!, Expression.Constant(t)))),
                from vs in Gen.SubListOf(new[] { "new", "paid", "cancelled" }).Where(l => l.Count > 0)
                select new Predicate($"[{string.Join(",", vs)}].Contains(o.Status)", o =>
                    Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(vs.ToArray()), Expression.Property(o, "Status"))));
            if (depth >= 3)
            {
                return leaf;
            }

            return Gen.Frequency(
                (4, leaf),
                (2, from a in Pred(depth + 1) from b in Pred(depth + 1) select new Predicate($"({a} && {b})", o => Expression.AndAlso(a.Build(o), b.Build(o)))),
                (2, from a in Pred(depth + 1) from b in Pred(depth + 1) select new Predicate($"({a} || {b})", o => Expression.OrElse(a.Build(o), b.Build(o)))),
                (1, from a in Pred(depth + 1) select new Predicate($"!({a})", o => Expression.Not(a.Build(o)))));
        }

        private static Gen<ExpressionType> Operators() => Gen.Elements(
            ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual);

        private static Gen<Predicate> Compare(string property, Gen<object> values) =>
            from op in Operators()
            from v in values
            from flipped in Gen.Elements(false, true)
            select new Predicate(flipped ? $"{v} {Symbol(op)} o.{property}" : $"o.{property} {Symbol(op)} {v}", o => flipped
                ? Expression.MakeBinary(Mirror(op), Expression.Constant(v), Expression.Property(o, property))
                : Expression.MakeBinary(op, Expression.Property(o, property), Expression.Constant(v)));

        private static Predicate StringEquality(string property, string? value, bool equal) =>
            new($"o.{property} {(equal ? "==" : "!=")} {(value is null ? "null" : $"\"{value}\"")}", o => equal
                ? Expression.Equal(Expression.Property(o, property), Expression.Constant(value, typeof(string)))
                : Expression.NotEqual(Expression.Property(o, property), Expression.Constant(value, typeof(string))));

        private static ExpressionType Mirror(ExpressionType op) => op switch
        {
            ExpressionType.LessThan => ExpressionType.GreaterThan,
            ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
            ExpressionType.GreaterThan => ExpressionType.LessThan,
            ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
            _ => op,
        };

        private static string Symbol(ExpressionType op) => op switch
        {
            ExpressionType.Equal => "==",
            ExpressionType.NotEqual => "!=",
            ExpressionType.LessThan => "<",
            ExpressionType.LessThanOrEqual => "<=",
            ExpressionType.GreaterThan => ">",
            _ => ">=",
        };
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(Arbitraries)])]
    public Property DynamoDB_and_LINQ_to_objects_agree(Case c)
    {
        var problems = Task.Run(() => Check(c)).GetAwaiter().GetResult();
        var matching = c.Items.Count(c.Where.Lambda().Compile());
        return (problems.Count == 0).Label(string.Join("\n", problems))
            .Classify(matching == 0, "no item matches")
            .Classify(matching > 0 && matching < c.Items.Count, "some items match")
            .Classify(c.Items.Count > 1 && matching == c.Items.Count, "every item matches");
    }

    private static async Task<List<string>> Check(Case c)
    {
        var problems = new List<string>();
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Diff"));
        var env = SessionEnv.New(session);
        await Run.Value(createTable(Catalog), env);
        await Run.Value(batchSave(Catalog, c.Items), env);
        var predicate = c.Where.Lambda();
        var matches = predicate.Compile();

        void Compare(string what, IEnumerable<CatalogItem> expected, IEnumerable<CatalogItem> actual, ItemQuery<CatalogItem> query)
        {
            var e = expected.Select(i => $"{i.Group}/{i.Seq}").Order(StringComparer.Ordinal).ToList();
            var a = actual.Select(i => $"{i.Group}/{i.Seq}").Order(StringComparer.Ordinal).ToList();
            if (!e.SequenceEqual(a))
            {
                problems.Add($"{what}: LINQ [{string.Join(", ", e)}] DynamoDB [{string.Join(", ", a)}] via {query.Translate().Describe(includeValues: true)}");
            }
        }

        foreach (var group in new[] { "g1", "g2" })
        {
            var query = Catalog.Query().Where(o => o.Group == group).Where(predicate);
            Func<CatalogItem, bool> inRange = _ => true;
            if (c.Range is var (op, v))
            {
                (query, inRange) = op switch
                {
                    "==" => (query.Where(o => o.Seq == v), i => i.Seq == v),
                    "<" => (query.Where(o => o.Seq < v), i => i.Seq < v),
                    "<=" => (query.Where(o => o.Seq <= v), i => i.Seq <= v),
                    ">" => (query.Where(o => o.Seq > v), i => i.Seq > v),
                    _ => (query.Where(o => o.Seq >= v), (Func<CatalogItem, bool>)(i => i.Seq >= v)),
                };
            }

            var found = await Run.Value(fetch(query.WithPageSize(3)), env);
            Compare($"query {group}", c.Items.Where(i => i.Group == group && inRange(i) && matches(i)), found, query);
        }

        var scan = Catalog.Query().Where(predicate).AsScan();
        Compare("scan", c.Items.Where(matches), await Run.Value(fetch(scan), env), scan);

        var byIndex = Catalog.Query().UsingIndex("by-category").Where(o => o.Category == "c1").Where(predicate);
        Compare("index query", c.Items.Where(i => i.Category == "c1" && matches(i)), await Run.Value(fetch(byIndex), env), byIndex);
        return problems;
    }
}

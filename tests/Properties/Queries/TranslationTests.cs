using System;
using System.Collections.Generic;
using System.Linq;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Queries;

/// <summary>What each supported construct translates to, and the clear error for each rejected one. No I/O.</summary>
public sealed class TranslationTests
{
    private static readonly DynamoTable<CatalogItem> Catalog = DynamoTable.Of<CatalogItem>();

    [Fact]
    public void Hash_equality_and_a_range_condition_become_the_key_condition_with_placeholders()
    {
        var wanted = "g1";
        var t = (from o in Catalog.Query() where o.Group == wanted && o.Seq >= 10 select o).Translate();

        Assert.Equal("Query", t.Operation);
        Assert.Equal("#n0 = :v0 AND #n1 >= :v1", t.KeyConditionExpression);
        Assert.Null(t.FilterExpression);
        Assert.Equal("pk", t.ExpressionAttributeNames["#n0"]);
        Assert.Equal("sk", t.ExpressionAttributeNames["#n1"]);
        Assert.Equal("g1", t.ExpressionAttributeValues[":v0"].S);
        Assert.Equal("10", t.ExpressionAttributeValues[":v1"].N);
    }

    [Theory]
    [InlineData("=", "#n1 = :v1")]
    [InlineData("<", "#n1 < :v1")]
    [InlineData("<=", "#n1 <= :v1")]
    [InlineData(">", "#n1 > :v1")]
    [InlineData(">=", "#n1 >= :v1")]
    [InlineData("flipped", "#n1 > :v1")]
    public void Every_range_comparison_translates(string op, string expected)
    {
        var q = op switch
        {
            "=" => Catalog.Query().Where(o => o.Group == "g" && o.Seq == 5),
            "<" => Catalog.Query().Where(o => o.Group == "g" && o.Seq < 5),
            "<=" => Catalog.Query().Where(o => o.Group == "g" && o.Seq <= 5),
            ">" => Catalog.Query().Where(o => o.Group == "g" && o.Seq > 5),
            ">=" => Catalog.Query().Where(o => o.Group == "g" && o.Seq >= 5),
            _ => Catalog.Query().Where(o => "g" == o.Group && 5 < o.Seq),
        };
        Assert.Equal("#n0 = :v0 AND " + expected, q.Translate().KeyConditionExpression);
    }

    [Fact]
    public void Greater_or_equal_and_less_or_equal_on_the_range_key_become_BETWEEN()
    {
        var t = Catalog.Query().Where(o => o.Group == "g").Where(o => o.Seq >= 3 && o.Seq <= 9).Translate();
        Assert.Equal("#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2", t.KeyConditionExpression);
        Assert.Equal(new[] { "3", "9" }, new[] { t.ExpressionAttributeValues[":v1"].N, t.ExpressionAttributeValues[":v2"].N });
    }

    [Fact]
    public void StartsWith_on_a_string_range_key_becomes_begins_with()
    {
        var t = Catalog.Query().UsingIndex("by-category").Where(o => o.Category == "c1" && o.Name.StartsWith("ab")).Translate();
        Assert.Equal("by-category", t.IndexName);
        Assert.Equal("#n0 = :v0", t.KeyConditionExpression);
        Assert.Equal("begins_with(#n1, :v1)", t.FilterExpression);
    }

    [Fact]
    public void Non_key_conditions_become_the_filter_with_every_operator()
    {
        var wanted = new[] { "new", "paid" };
        var t = Catalog.Query().Where(o => o.Group == "g"
            && o.Status != "cancelled"
            && (o.Count > 1 || !o.Flag)
            && o.Name.Contains("x")
            && o.Tags!.Contains("red")
            && o.Note == null
            && wanted.Contains(o.Status)
            && string.CompareOrdinal(o.Name, "m") < 0
            && o.Size <= 4).Translate();

        Assert.Equal(
            "(NOT #n1 = :v1) AND (#n2 > :v2 OR (NOT #n3 = :v3)) AND contains(#n4, :v4) AND contains(#n5, :v5) " +
            "AND (NOT (attribute_exists(#n6) AND NOT attribute_type(#n6, :v6))) AND #n1 IN (:v7, :v8) AND #n4 < :v9 AND #n7 <= :v10",
            t.FilterExpression);
        Assert.Equal(new Dictionary<string, string>
        {
            ["#n0"] = "pk",
            ["#n1"] = "status",
            ["#n2"] = "Count",
            ["#n3"] = "Flag",
            ["#n4"] = "name",
            ["#n5"] = "Tags",
            ["#n6"] = "Note",
            ["#n7"] = "size",
        }, t.ExpressionAttributeNames.OrderBy(kv => kv.Key.Length).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary());
        Assert.True(t.ExpressionAttributeValues[":v3"].BOOL);
        Assert.Equal("NULL", t.ExpressionAttributeValues[":v6"].S);
    }

    [Fact]
    public void Reserved_words_only_ever_appear_behind_placeholders()
    {
        var t = Catalog.Query().Where(o => o.Group == "g" && o.Name == "n" && o.Size == 1 && o.Status == "s").Translate();
        foreach (var reserved in new[] { "name", "size", "status" })
        {
            Assert.DoesNotContain(reserved, t.FilterExpression!, StringComparison.Ordinal);
            Assert.Contains(reserved, t.ExpressionAttributeNames.Values);
        }
    }

    [Fact]
    public void Captured_values_and_method_calls_are_evaluated_once_when_the_query_is_built()
    {
        var calls = 0;
        Func<int> next = () => ++calls;
        var holder = new { Limit = 7 };
        var q = Catalog.Query().Where(o => o.Group == "g" && o.Seq >= next() && o.Count < holder.Limit);

        var first = q.Translate();
        var second = q.Translate();

        Assert.Equal(1, calls);
        Assert.Equal("1", first.ExpressionAttributeValues[":v1"].N);
        Assert.Equal("7", second.ExpressionAttributeValues[":v2"].N);
    }

    [Fact]
    public void Select_becomes_a_projection_of_the_properties_it_uses()
    {
        var q = from o in Catalog.Query() where o.Group == "g" select new { o.Seq, o.Name, Double = o.Size * 2 };
        Assert.Equal("#n1, #n2, #n3", q.Translate().ProjectionExpression);
        Assert.Equal(new[] { "sk", "name", "size" }, new[] { "#n1", "#n2", "#n3" }.Select(p => q.Translate().ExpressionAttributeNames[p]));
        Assert.Null((from o in Catalog.Query() where o.Group == "g" select Tuple.Create(o)).Translate().ProjectionExpression);
    }

    [Fact]
    public void Ordering_limit_consistency_and_page_size_translate()
    {
        var t = (from o in Catalog.Query() where o.Group == "g" orderby o.Seq descending select o).Take(5).WithConsistentRead().WithPageSize(2).Translate();
        Assert.False(t.ScanIndexForward);
        Assert.Equal(5, t.Limit);
        Assert.Equal(2, t.PageSize);
        Assert.True(t.ConsistentRead);
        Assert.True(Catalog.Query().Where(o => o.Group == "g").OrderBy(o => o.Seq).Translate().ScanIndexForward);
    }

    [Fact]
    public void Without_hash_equality_a_query_is_an_error_unless_a_scan_is_asked_for()
    {
        var q = Catalog.Query().Where(o => o.Count > 3);
        var ex = Assert.Throws<InvalidOperationException>(q.Translate);
        Assert.Contains("needs == on the hash key 'pk'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AsScan()", ex.Message, StringComparison.Ordinal);

        var scan = q.AsScan().Translate();
        Assert.Equal("Scan", scan.Operation);
        Assert.Null(scan.KeyConditionExpression);
        Assert.Equal("#n0 > :v0", scan.FilterExpression);
    }

    [Fact]
    public void Equality_on_an_index_hash_key_points_to_UsingIndex()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Catalog.Query().Where(o => o.Category == "c1").Translate());
        Assert.Contains("UsingIndex(\"by-category\")", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Query", Catalog.Query().UsingIndex("by-category").Where(o => o.Category == "c1").Translate().Operation);
    }

    [Fact]
    public void Rejected_queries_fail_with_a_message_naming_the_problem()
    {
        AssertRejected<InvalidOperationException>(() => Catalog.Query().Where(o => o.Group == "g" && o.Seq > 1 && o.Seq < 9).Translate(), "BETWEEN");
        AssertRejected<InvalidOperationException>(() => Catalog.Query().Where(o => o.Group == "g" && (o.Seq == 1 || o.Count == 2)).Translate(), "cannot filter on its key attributes");
        AssertRejected<InvalidOperationException>(() => Catalog.Query().Where(o => o.Group == "g").OrderByDescending(o => o.Count).Translate(), "cannot be ordered by");
        AssertRejected<InvalidOperationException>(() => Catalog.Query().Where(o => o.Count == 1).AsScan().OrderBy(o => o.Seq).Translate(), "no particular order");
        AssertRejected<InvalidOperationException>(() => Catalog.Query().UsingIndex("by-category").Where(o => o.Category == "c").WithConsistentRead().Translate(), "does not support consistent reads");
        AssertRejected<ArgumentException>(() => Catalog.Query().UsingIndex("nope"), "no index named 'nope'");
        AssertRejected<ArgumentOutOfRangeException>(() => Catalog.Query().Take(0), "positive");
    }

    [Fact]
    public void Untranslatable_expressions_fail_when_the_query_is_built_naming_the_sub_expression()
    {
        AssertRejected<NotSupportedException>(() => Catalog.Query().Where(o => o.Name.ToUpperInvariant() == "X"), "o.Name.ToUpperInvariant()");
        AssertRejected<NotSupportedException>(() => Catalog.Query().Where(o => o.Count == o.Seq), "not with another property");
        AssertRejected<NotSupportedException>(() => Catalog.Query().Where(o => o.Address!.City == "Oslo"), "no nested paths");
        AssertRejected<NotSupportedException>(() => Catalog.Query().Where(o => o.Ignored == "x"), "[DynamoDBIgnore]");
        AssertRejected<NotSupportedException>(() => Catalog.Query().Where(o => o.Name.CompareTo("m") < 0 && o.Name.Length > 2), "Length");
        AssertRejected<NotSupportedException>(() => Catalog.Query().Where(o => o.Name.EndsWith("x", StringComparison.Ordinal)), "EndsWith");
        int? nothing = null;
        AssertRejected<NotSupportedException>(() => Catalog.Query().Where(o => o.Count < nothing), "== null or != null");
        var always = true;
        AssertRejected<NotSupportedException>(() => Catalog.Query().Where(o => always), "constant");
    }

    [Fact]
    public void The_description_shows_expressions_but_values_only_on_request()
    {
        var t = Catalog.Query().Where(o => o.Group == "secret-group" && o.Name == "personal").Translate();
        Assert.DoesNotContain("secret-group", t.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("personal", t.ToString(), StringComparison.Ordinal);
        Assert.Contains("key=[#n0 = :v0]", t.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"secret-group\"", t.Describe(includeValues: true), StringComparison.Ordinal);
    }

    private static void AssertRejected<TException>(Func<object> build, string fragment)
        where TException : Exception
    {
        var ex = Assert.ThrowsAny<TException>(build);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }
}

using System;
using System.Linq;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Queries;

/// <summary>
/// Every refusal of the LINQ translation, word for word (they are what a user reads to fix the query), the guards on
/// Take, page sizes and indexes, and when a projection reads the whole item. No I/O.
/// </summary>
public sealed class QueryRefusalTests
{
    private static readonly DynamoTable<CatalogItem> Catalog = DynamoTable.Of<CatalogItem>();
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public void A_query_without_hash_equality_is_refused_naming_the_table_or_the_index()
    {
        Assert.Equal(
            "Not a query of table catalog: a query needs == on the hash key 'pk'. Call AsScan() to read the whole table with this filter instead (a Scan reads every item).",
            Refusal(() => Catalog.Query().Where(o => o.Name == "x").Translate()));
        Assert.Equal(
            "Not a query of index by-category of catalog: a query needs == on the hash key 'Category'. Call AsScan() to read the whole index with this filter instead (a Scan reads every item).",
            Refusal(() => Catalog.Query().UsingIndex("by-category").Where(o => o.Name == "x").Translate()));
    }

    [Fact]
    public void Equality_on_an_index_hash_key_among_other_conditions_points_at_the_index()
    {
        Assert.Equal(
            "Not a query of table catalog: there is no == on its hash key 'pk', but there is one on 'Category', the hash key of index 'by-category'. Call UsingIndex(\"by-category\") to query that index, or AsScan() to scan.",
            Refusal(() => Catalog.Query().Where(o => o.Size > 3 && o.Category == "c1").Translate()));
    }

    [Fact]
    public void Ordering_needs_a_query_and_the_range_key()
    {
        Assert.Equal(
            "A scan of table catalog returns items in no particular order; ordering needs a query (== on the hash key).",
            Refusal(() => Catalog.Query().Where(o => o.Name == "x").AsScan().OrderBy(o => o.Seq).Translate()));
        Assert.Equal(
            "DynamoDB orders a query of table catalog by its range key 'sk'; 'size' cannot be ordered by.",
            Refusal(() => Catalog.Query().Where(o => o.Group == "g").OrderBy(o => o.Size).Translate()));
        Assert.Equal(
            "DynamoDB orders a query of index by-category of catalog by its range key and it has none; 'sk' cannot be ordered by.",
            Refusal(() => Catalog.Query().UsingIndex("by-category").Where(o => o.Category == "c").OrderBy(o => o.Seq).Translate()));
    }

    [Fact]
    public void A_query_cannot_filter_on_its_own_key_attributes()
    {
        Assert.Equal(
            "A query of table catalog cannot filter on its key attributes ('pk', 'sk') except as the key condition (== on the hash key, one range condition or >= and <= together); move that part into a separate query or call AsScan().",
            Refusal(() => Catalog.Query().Where(o => o.Group == "g" && o.Group.StartsWith("h")).Translate()));
        Assert.Equal(
            "A query of index by-category of catalog cannot filter on its key attributes ('Category') except as the key condition (== on the hash key, one range condition or >= and <= together); move that part into a separate query or call AsScan().",
            Refusal(() => Catalog.Query().UsingIndex("by-category").Where(o => o.Category == "c" && o.Category.StartsWith("x")).Translate()));
    }

    [Fact]
    public void Take_and_page_sizes_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalog.Query().Take(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalog.Query().WithPageSize(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalog.Query().Select(o => o.Name).Take(0));
        Assert.Equal(1, Catalog.Query().Where(o => o.Group == "g").Take(1).Translate().Limit);
        Assert.Equal(1, Catalog.Query().Where(o => o.Group == "g").Select(o => o.Name).Take(1).Translate().Limit);
        Assert.NotNull(Catalog.Query().Where(o => o.Group == "g").WithPageSize(1).Translate());
    }

    [Fact]
    public void An_unknown_index_is_refused_with_the_declared_ones()
    {
        Assert.Equal(
            "Table catalog has no index named 'nope' (declared: by-category). (Parameter 'indexName')",
            Assert.Throws<ArgumentException>(() => Catalog.Query().UsingIndex("nope")).Message);
        Assert.Equal(
            "Table users has no index named 'any' (declared: none). (Parameter 'indexName')",
            Assert.Throws<ArgumentException>(() => Users.Query().UsingIndex("any")).Message);
        Assert.Equal("by-category", Catalog.Query().UsingIndex("by-category").Where(o => o.Category == "c").Translate().IndexName);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ((DynamoTable<User>)null!).Query());
        Assert.Throws<ArgumentNullException>(() => Users.Query().Where(null!));
        Assert.Throws<ArgumentNullException>(() => Users.Query().OrderBy<string>(null!));
        Assert.Throws<ArgumentNullException>(() => Users.Query().Select<string>(null!));
    }

    [Fact]
    public void A_selector_that_uses_the_whole_item_reads_every_attribute()
    {
        Assert.Null(Catalog.Query().Where(o => o.Group == "g").Select(o => o).Translate().ProjectionExpression);
        Assert.Null(Catalog.Query().Where(o => o.Group == "g").Select(o => new { o.Name, Item = o }).Translate().ProjectionExpression);
        Assert.Null(Catalog.Query().Where(o => o.Group == "g").Select(o => Tuple.Create(o, o)).Translate().ProjectionExpression);
        Assert.Null(Catalog.Query().Where(o => o.Group == "g").Select(o => new { o.Name, A = o, B = o }).Translate().ProjectionExpression);
        var named = Catalog.Query().Where(o => o.Group == "g").Select(o => o.Name + o.Name).Translate();
        Assert.Equal("name", named.ExpressionAttributeNames[Assert.Single(named.ProjectionExpression!.Split(", "))]);
    }

    private static string Refusal(Func<object> translate) => Assert.Throws<InvalidOperationException>(translate).Message;
}

using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataLayer;

/// <summary>Typed conditions: C# predicates over the class, with stored names and converters, on writes and as filters.</summary>
public sealed class TypedConditionTests
{
    private static readonly DynamoTable<CatalogItem> Catalog = DynamoTable.Of<CatalogItem>();

    [Fact]
    public async Task Typed_conditions_guard_saves_deletes_and_updates_and_filter_reads()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Typed"));
        await Run.Value(createTable(Catalog), session);
        await Run.Value(save(Catalog, new CatalogItem { Group = "g", Seq = 1, Name = "widget", Status = "open", Count = 2 }), session);

        var closed = DynamoCondition.For<CatalogItem>(i => i.Status == "closed");
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Run.Value(delete(Catalog, "g", 1, closed), session));
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() =>
            Run.Value(save(Catalog, new CatalogItem { Group = "g", Seq = 1, Name = "replaced" }, closed.Or(DynamoCondition.For<CatalogItem>(i => i.Count > 5))), session));

        var absentNote = DynamoCondition.For<CatalogItem>(i => i.Note == null && i.Count < 3);
        var updated = await Run.Value(update(Catalog, "g", 1, ItemUpdate.Of<CatalogItem>().Set(i => i.Note, "noted") with { Condition = absentNote }), session);
        Assert.Equal("noted", updated.Note);

        var filtered = await Run.Value(scan(Catalog, new ScanOptions { Filter = DynamoCondition.For<CatalogItem>(i => i.Name.StartsWith("wid") && i.Status != "closed") }), session);
        Assert.Single(filtered);

        await Run.Value(delete(Catalog, "g", 1, DynamoCondition.For<CatalogItem>(i => i.Status == "open").And(DynamoCondition.For<CatalogItem>(i => i.Note != null))), session);
        Assert.True((await Run.Value(get(Catalog, "g", 1), session)).IsNone);
    }

    [Fact]
    public async Task Untranslatable_predicates_fail_when_built_and_foreign_ones_before_sending()
    {
        var ex = Assert.Throws<NotSupportedException>(() => DynamoCondition.For<CatalogItem>(i => i.Name.Length > 3));
        Assert.Contains("i.Name.Length", ex.Message, StringComparison.Ordinal);

        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("TypedBad"));
        using var log = new RequestLog(session);
        var foreign = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(delete(Catalog, "g", 1, DynamoCondition.For<User>(u => u.Name == "x")), session));
        Assert.Contains("cannot apply to table catalog", foreign.Message, StringComparison.Ordinal);
        Assert.Empty(log.Operations);
        Assert.Equal("#n0 = :v0 names={#n0=status}", DynamoCondition.For<CatalogItem>(i => i.Status == "open").ToString());
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LanguageExt;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.Queries;

/// <summary>Running query values: paging, projections, ordering, and one value under different sessions.</summary>
public sealed class QueryRunTests
{
    private static readonly DynamoTable<CatalogItem> Catalog = DynamoTable.Of<CatalogItem>();

    [Fact]
    public async Task A_query_over_many_pages_returns_every_item_exactly_once()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Pages"));
        var env = SessionEnv.New(session);
        await Run.Value(createTable(Catalog), env);
        var bulky = new string('x', 20_000);
        var items = Enumerable.Range(0, 120).Select(i => new CatalogItem { Group = "big", Seq = i, Name = bulky, Count = i % 5 }).ToList();
        await Run.Value(batchSave(Catalog, items), env);

        // About 2.4 MB of items: DynamoDB's own 1 MB pages, and a small page size.
        var unpaged = await Run.Value(fetch(Catalog.Query().Where(o => o.Group == "big")), env);
        var paged = await Run.Value(fetch(Catalog.Query().Where(o => o.Group == "big").WithPageSize(7)), env);
        var filtered = await Run.Value(fetch(Catalog.Query().Where(o => o.Group == "big" && o.Count == 0).WithPageSize(4)), env);

        Assert.Equal(Enumerable.Range(0, 120), unpaged.Select(i => i.Seq));
        Assert.Equal(Enumerable.Range(0, 120), paged.Select(i => i.Seq));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i * 5), filtered.Select(i => i.Seq));
    }

    [Fact]
    public async Task Projections_ordering_and_limits_run_as_translated()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Shape"));
        using var env = Sessions.UseEnvironment(BindingRoot.New(session));
        await Catalog.CreateTableAsync();
        await Catalog.BatchSaveAsync(Enumerable.Range(0, 10).Select(i => new CatalogItem { Group = "g", Seq = i, Name = $"n{i}", Size = i * 10, Status = i % 2 == 0 ? "paid" : "cancelled" }));
        var since = 2;

        // snippet:start linq-query
        var query =
            from o in Catalog.Query()
            where o.Group == "g" && o.Seq >= since              // key condition: hash ==, range >=
            where o.Status != "cancelled"                       // filter (status is a reserved word: placeholders)
            orderby o.Seq descending                            // ScanIndexForward = false
            select new { o.Seq, o.Name, Double = o.Size * 2 };  // ProjectionExpression: sk, name, size
        Console.WriteLine(query.Translate());                   // expressions and names; values only on request
        var top = await query.Take(3).ToListAsync();            // runs with the session bound here and now
        // snippet:end linq-query
        var streamed = new List<int>();
        await foreach (var row in query.AsAsyncEnumerable())
        {
            streamed.Add(row.Seq);
        }

        Assert.Equal(new[] { 8, 6, 4 }, top.Select(r => r.Seq));
        Assert.Equal(new[] { "n8", "n6", "n4" }, top.Select(r => r.Name));
        Assert.Equal(new long[] { 160, 120, 80 }, top.Select(r => r.Double));
        Assert.Equal(new[] { 8, 6, 4, 2 }, streamed);
    }

    [Fact]
    public async Task One_query_value_runs_under_whichever_session_is_bound_when_it_runs()
    {
        using var a = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("QA"));
        using var b = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("QB"));
        var env = SessionEnv.New(a);
        foreach (var (session, name) in new[] { (a, "from A"), (b, "from B") })
        {
            await Run.Value(useSession(Catalog, session, from _ in createTable(Catalog) from __ in save(Catalog, new CatalogItem { Group = "g", Seq = 1, Name = name }) select _), env);
        }

        var query = Catalog.Query().Where(o => o.Group == "g").Select(o => o.Name);
        var names =
            from fromDefault in fetch(query)
            from fromB in useSession(Catalog, b, fetch(query))
            select (fromDefault.Single(), fromB.Single());

        Assert.Equal(("from A", "from B"), await Run.Value(names, env));
    }

    [Fact]
    public async Task A_query_that_cannot_run_fails_as_an_effect_failure_and_as_an_exception_in_the_facade()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Bad"));
        var notAQuery = Catalog.Query().Where(o => o.Count > 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run.Value(fetch(notAQuery), session));
        using var env = Sessions.UseEnvironment(BindingRoot.New(session));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => notAQuery.ToListAsync());
        Assert.Contains("AsScan()", ex.Message, StringComparison.Ordinal);
    }
}

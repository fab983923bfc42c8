using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.CSharp;
using SessionEffects.Benchmarks.ClientSide;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Properties.Mapping;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DirectRead;

/// <summary>
/// LINQ queries of a mapped class read directly (#26): for random orders and random queries — key conditions, filters,
/// descending order, <c>Take</c>, a <c>select</c> projection, scans with a filter — <c>fetch</c>, every page of
/// <c>fetchPage</c> and <c>fetchStream</c> (and the facade's forms) give what today's read gives: the SDK's attribute
/// maps from a plain client sending the query's own translation, page by page, mapped by the table's mapping and
/// shaped by the same selector. Items in forms other code wrote are read the attribute-map way, each on its own, and
/// counted by <see cref="DynamoTable.DirectReadFallbacks"/> — which no read outside the direct path would move.
/// </summary>
[Collection(BenchOrderReads.Name)]
public sealed class DirectReadQueryTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };
    private static readonly DynamoTable<BenchOrder> Orders = DynamoTable.Of<BenchOrder>();
    private static int runs;
    private AwsSession session = null!;
    private IAmazonDynamoDB raw = null!;

    public async Task InitializeAsync()
    {
        var accessKey = LocalDynamo.NewAccessKey("DirectLinq");
        session = await LocalDynamo.SessionAsync(accessKey);
        raw = await LocalDynamo.RawClientAsync(accessKey);
        await Run.Value(createTable(Orders), session);
    }

    public Task DisposeAsync()
    {
        raw.Dispose();
        session.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>One generated query: its bounds and its paging.</summary>
    public sealed record QueryCase(int From, int Quantity, bool Descending, int PageSize, int Take)
    {
        public static Arbitrary<QueryCase> Cases() => Arb.From(
            from low in Gen.Choose(-20, 20)
            from least in Gen.Choose(-30, 30)
            from down in ArbMap.Default.GeneratorFor<bool>()
            from size in Gen.Choose(1, 6)
            from count in Gen.Choose(1, 12)
            select new QueryCase(low, least, down, size, count));
    }

    [Property(MaxTest = 10, Arbitrary = [typeof(BenchOrderGenerators), typeof(QueryCase)])]
    public Property LINQ_queries_of_random_orders_give_what_todays_read_gives(BenchOrder[] generated, QueryCase q)
    {
        var customer = "linq" + Interlocked.Increment(ref runs);
        var items = generated.Select(o => { o.Customer = customer; o.Seq %= 40; o.Quantity %= 40; return o; }).DistinctBy(o => o.Seq).ToList();
        Run.Value(batchSave(Orders, items), session).GetAwaiter().GetResult();
        var before = Orders.DirectReadFallbacks;
        var (from, quantity) = (q.From, q.Quantity);

        // A key condition (hash ==, range >=) and a filter (an OR over two attributes), in both orders.
        var keyed = Orders.Query().Where(o => o.Customer == customer && o.Seq >= from).Where(o => o.Quantity > quantity || o.Paid).WithConsistentRead();
        keyed = q.Descending ? keyed.OrderByDescending(o => o.Seq) : keyed.OrderBy(o => o.Seq);
        var projected = keyed.Select(o => new { o.Seq, o.Total, o.Tags, Late = o.Note ?? "none" });
        var scanned = Orders.Query().Where(o => o.Quantity <= quantity && o.Name != "").AsScan().WithConsistentRead();

        var expected = Show(Today(keyed, o => o).SelectMany(p => p).ToList());
        var fetched = Show(Run.Value(fetch(keyed), session).GetAwaiter().GetResult().ToList());
        var taken = Show(Run.Value(fetch(keyed.Take(q.Take)), session).GetAwaiter().GetResult().ToList());
        var expectedTaken = Show(Today(keyed, o => o).SelectMany(p => p).Take(q.Take).ToList());
        var pageSized = keyed.WithPageSize(q.PageSize);
        var expectedPages = Show(Today(pageSized, o => o));
        var pages = Show(Pages(pageSized));
        var streamed = Show(Run.Value(fetchStream(pageSized), session).GetAwaiter().GetResult().ToBlockingEnumerable().ToList());
        var expectedProjected = Show(Today(projected, o => new { o.Seq, o.Total, o.Tags, Late = o.Note ?? "none" }).SelectMany(p => p).ToList());
        var projectedRead = Show(Run.Value(fetch(projected), session).GetAwaiter().GetResult().ToList());
        var expectedScan = Show(Today(scanned, o => o).SelectMany(p => p).OrderBy(o => o.Customer, StringComparer.Ordinal).ThenBy(o => o.Seq).ToList());
        var scanRead = Show(Run.Value(fetch(scanned), session).GetAwaiter().GetResult().OrderBy(o => o.Customer, StringComparer.Ordinal).ThenBy(o => o.Seq).ToList());

        return (fetched == expected).Label($"fetch {keyed}:\n today  {expected}\n direct {fetched}")
            .And((taken == expectedTaken).Label($"fetch Take({q.Take}): {taken}"))
            .And((pages == expectedPages).Label($"fetchPage of {q.PageSize}:\n today  {expectedPages}\n direct {pages}"))
            .And((streamed == Show(Today(pageSized, o => o).SelectMany(p => p).ToList())).Label($"fetchStream: {streamed}"))
            .And((projectedRead == expectedProjected).Label($"select:\n today  {expectedProjected}\n direct {projectedRead}"))
            .And((scanRead == expectedScan).Label($"scan with a filter: {scanRead}"))
            .And((Orders.DirectReadFallbacks == before).Label("an item was read the attribute-map way"));
    }

    [Fact]
    public async Task The_facades_LINQ_forms_read_directly_and_foreign_items_one_by_one()
    {
        const string customer = "linq-foreign";
        await Run.Value(batchSave(Orders, Enumerable.Range(0, 6).Select(i => new BenchOrder { Customer = customer, Seq = i, Name = $"n{i}", Quantity = i })), session);

        // Other code stored a quantity as text and a note as NULL.
        static AttributeValue S(string s) => new() { S = s };
        static AttributeValue N(string n) => new() { N = n };
        await raw.PutItemAsync(new PutItemRequest { TableName = Orders.Name, Item = new() { ["customer"] = S(customer), ["seq"] = N("2"), ["name"] = S("n2"), ["qty"] = S("7") } });
        await raw.PutItemAsync(new PutItemRequest { TableName = Orders.Name, Item = new() { ["customer"] = S(customer), ["seq"] = N("4"), ["name"] = S("n4"), ["note"] = new AttributeValue { NULL = true } } });
        Assert.Equal(ItemReadPath.Direct, Orders.ReadPath);

        using var env = Sessions.UseEnvironment(BindingRoot.New(session));
        var query = Orders.Query().Where(o => o.Customer == customer).WithConsistentRead();
        var before = Orders.DirectReadFallbacks;
        var listed = await query.ToListAsync();
        Assert.Equal(2, Orders.DirectReadFallbacks - before); // seq 2 and 4 alone; a read of attribute maps would count none
        Assert.Equal(Show(Today(query, o => o).SelectMany(p => p).ToList()), Show(listed.ToList()));
        Assert.Equal(7, listed.Single(o => o.Seq == 2).Quantity);
        Assert.Null(listed.Single(o => o.Seq == 4).Note);

        var firstPage = await query.WithPageSize(3).ToPageAsync();
        var secondPage = await query.WithPageSize(3).ToPageAsync(firstPage.NextToken);
        Assert.Equal(new[] { 0, 1, 2 }, firstPage.Items.Select(o => o.Seq));
        Assert.Equal(new[] { 3, 4, 5 }, secondPage.Items.Select(o => o.Seq));
        Assert.Equal(4, Orders.DirectReadFallbacks - before);

        var names = new List<string>();
        await foreach (var name in query.Select(o => o.Name).AsAsyncEnumerable())
        {
            names.Add(name);
        }

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"n{i}"), names);
        Assert.Equal(4, Orders.DirectReadFallbacks - before); // the projection reads only "name", stored as the class stores it
    }

    /// <summary>Today's read: the query's own translation sent by a plain client, page by page, each item mapped and shaped.</summary>
    private List<List<R>> Today<R>(ItemQuery<R> query, Func<BenchOrder, R> shape)
    {
        var t = query.Translate();
        var pages = new List<List<R>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var names = t.ExpressionAttributeNames.Count == 0 ? null : t.ExpressionAttributeNames.ToDictionary();
            var values = t.ExpressionAttributeValues.Count == 0 ? null : t.ExpressionAttributeValues.ToDictionary();
            List<Dictionary<string, AttributeValue>> items;
            if (t.Operation == "Query")
            {
                var page = raw.QueryAsync(new QueryRequest
                {
                    TableName = t.TableName,
                    IndexName = t.IndexName,
                    KeyConditionExpression = t.KeyConditionExpression,
                    FilterExpression = t.FilterExpression,
                    ProjectionExpression = t.ProjectionExpression,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    Limit = t.PageSize,
                    ScanIndexForward = t.ScanIndexForward,
                    ConsistentRead = t.ConsistentRead,
                    ExclusiveStartKey = start,
                }).GetAwaiter().GetResult();
                (items, start) = (page.Items, page.LastEvaluatedKey);
            }
            else
            {
                var page = raw.ScanAsync(new ScanRequest
                {
                    TableName = t.TableName,
                    IndexName = t.IndexName,
                    FilterExpression = t.FilterExpression,
                    ProjectionExpression = t.ProjectionExpression,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    Limit = t.PageSize,
                    ConsistentRead = t.ConsistentRead,
                    ExclusiveStartKey = start,
                }).GetAwaiter().GetResult();
                (items, start) = (page.Items, page.LastEvaluatedKey);
            }

            pages.Add((items ?? []).Select(i => shape(Orders.Mapper.FromAttributes(i))).ToList());
        }
        while (start is { Count: > 0 });
        return pages;
    }

    private List<List<R>> Pages<R>(ItemQuery<R> query)
    {
        var pages = new List<List<R>>();
        string? token = null;
        do
        {
            var page = Run.Value(fetchPage(query, token), session).GetAwaiter().GetResult();
            pages.Add(page.Items.ToList());
            token = page.NextToken;
        }
        while (token is not null);
        return pages;
    }

    private static string Show<V>(V value) => SdkOracle.Canonical(JsonNode.Parse(JsonSerializer.Serialize(value, Json)));
}

using System;
using System.Collections.Generic;
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
using SessionEffects.Benchmarks.ClientSide;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Properties.Mapping;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DirectRead;

/// <summary>
/// The direct read against DynamoDB Local: every read effect of a mapped class (get, query, scan, their pages and
/// streams, batchGet) gives the objects today's read gives — the SDK's attribute maps from a plain client, mapped by the
/// table's mapping — for random items, paging by <c>LastEvaluatedKey</c> through small pages; items in forms other
/// code wrote are read the attribute-map way, each on its own and counted, the rest directly; throttled answers are
/// retried by the SDK and errors keep the SDK's exception types.
/// </summary>
[Collection(BenchOrderReads.Name)]
public sealed class DirectReadLocalTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };
    private static readonly DynamoTable<BenchOrder> Orders = DynamoTable.Of<BenchOrder>();
    private static readonly DynamoTable<MapNested> Nested = DynamoTable.Of<MapNested>();
    private static int runs;
    private string accessKey = string.Empty;
    private AwsSession session = null!;
    private IAmazonDynamoDB raw = null!;

    public async Task InitializeAsync()
    {
        accessKey = LocalDynamo.NewAccessKey("Direct");
        session = await LocalDynamo.SessionAsync(accessKey);
        raw = await LocalDynamo.RawClientAsync(accessKey);
        await Run.Value(createTable(Orders), session);
        await Run.Value(createTable(Nested), session);
        await Run.Value(createTable(DynamoTable.Of<MapWithField>()), session);
    }

    public Task DisposeAsync()
    {
        raw.Dispose();
        session.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Compiled_classes_read_directly_and_the_others_as_attribute_maps()
    {
        Assert.Equal(ItemReadPath.Direct, Orders.ReadPath);
        Assert.Equal(ItemReadPath.Direct, Nested.ReadPath);
        Assert.Equal(ItemMappingPath.Sdk, DynamoTable.Of<MapWithField>().MappingPath);
        Assert.Equal(ItemReadPath.AttributeMaps, DynamoTable.Of<MapWithField>().ReadPath);
        Assert.Equal(0, DynamoTable.Of<MapWithField>().DirectReadFallbacks);
    }

    [EngineProperty(EngineFeature.Transactions, MaxTest = 12, Arbitrary = [typeof(BenchOrderGenerators)])]
    public Property Every_read_of_random_orders_gives_what_todays_read_gives(BenchOrder[] generated)
    {
        var customer = "run" + Interlocked.Increment(ref runs);
        var items = generated.Select(o => { o.Customer = customer; return o; }).DistinctBy(o => o.Seq).ToList();
        Run.Value(batchSave(Orders, items), session).GetAwaiter().GetResult();
        var before = Orders.DirectReadFallbacks;

        // Today's read: the SDK's attribute maps from a plain client, mapped by the table's mapping.
        var expected = Show(QueryAll(customer).Select(Orders.Mapper.FromAttributes).ToList());
        var queried = Show(Run.Value(query(Orders, customer, new QueryOptions { ConsistentRead = true }), session).GetAwaiter().GetResult().ToList());
        var paged = Show(Pages(token => queryPage(Orders, customer, new QueryOptions { ConsistentRead = true, PageSize = 2, StartToken = token })));
        var streamed = Show(Collect(Run.Value(queryStream(Orders, customer, new QueryOptions { ConsistentRead = true, PageSize = 3 }), session).GetAwaiter().GetResult()));
        var gets = Show(items.Select(i => Run.Value(get(Orders, customer, i.Seq, consistentRead: true), session).GetAwaiter().GetResult()
            .IfNone(() => throw new InvalidOperationException("missing"))).OrderBy(o => o.Seq).ToList());
        var batch = Show(Run.Value(batchGet(Orders, items.Select(i => ItemKey.Of(customer, i.Seq)).Append(ItemKey.Of(customer, int.MinValue + 1)), consistentRead: true), session)
            .GetAwaiter().GetResult().OrderBy(o => o.Seq).ToList());
        var parts = items.Take(20).Select(i => GetPart.Of(Orders, customer, i.Seq)).Append(GetPart.Of(Orders, customer, int.MinValue + 1)).ToList();
        var field = GetPart.Of(DynamoTable.Of<MapWithField>(), "absent");
        var transaction = Run.Value(transactGet([.. parts, field]), session).GetAwaiter().GetResult();
        var transacted = Show(parts.Select(transaction.Find).Where(o => o is not null).OrderBy(o => o!.Seq).ToList());
        var expectedFirst = Show(items.Take(20).Select(i => Orders.Mapper.FromAttributes(QueryAll(customer).Single(m => m["seq"].N == i.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)))).OrderBy(o => o.Seq).ToList());
        var scanned = Show(Run.Value(scan(Orders, new ScanOptions { ConsistentRead = true, PageSize = 5 }), session).GetAwaiter().GetResult().Where(o => o.Customer == customer).ToList());

        return (queried == expected).Label($"query:\n today  {expected}\n direct {queried}")
            .And((paged == expected).Label($"query pages of 2: {paged}"))
            .And((streamed == expected).Label($"query stream: {streamed}"))
            .And((gets == expected).Label($"gets: {gets}"))
            .And((batch == expected).Label($"batchGet: {batch}"))
            .And((scanned == expected).Label($"scan: {scanned}"))
            .And((transacted == expectedFirst && transaction.Find(field) is null).Label($"transactGet: {transacted}"))
            .And((Orders.DirectReadFallbacks == before).Label("an item was read the attribute-map way"));
    }

    [Property(MaxTest = 8, Arbitrary = [typeof(MappingGenerators)])]
    public Property Nested_maps_and_lists_read_through_DynamoDB_Local_as_today(MapNested[] generated)
    {
        var run = "n" + Interlocked.Increment(ref runs) + "-";
        var items = generated.Select(n => { n.Id = run + n.Id; return Storable(n); }).DistinctBy(n => n.Id).ToList();
        Run.Value(batchSave(Nested, items), session).GetAwaiter().GetResult();
        var expected = Show(items.Select(i => Nested.Mapper.FromAttributes(raw.GetItemAsync(new GetItemRequest { TableName = Nested.Name, Key = Nested.Mapper.KeyOf(i), ConsistentRead = true }).GetAwaiter().GetResult().Item)).ToList());
        var gets = Show(items.Select(i => Run.Value(get(Nested, i.Id, consistentRead: true), session).GetAwaiter().GetResult().IfNone(() => throw new InvalidOperationException())).ToList());
        var page = Run.Value(scanPage(Nested, new ScanOptions { ConsistentRead = true, PageSize = 1000 }), session).GetAwaiter().GetResult();
        var scanned = Show(items.Select(i => page.Items.Single(p => p.Id == i.Id)).ToList());
        return (gets == expected).Label($"gets:\n today  {expected}\n direct {gets}").And((scanned == expected).Label($"scan page: {scanned}"));
    }

    [Fact]
    public async Task Items_in_forms_other_code_wrote_are_read_the_attribute_map_way_one_by_one()
    {
        const string customer = "foreign";
        await Run.Value(batchSave(Orders, Enumerable.Range(0, 6).Select(i => new BenchOrder { Customer = customer, Seq = i, Name = $"n{i}", Tags = ["t"] })), session);

        // Other code stored a quantity as text and a note as NULL, and added an attribute the class does not map.
        static AttributeValue S(string s) => new() { S = s };
        static AttributeValue N(string n) => new() { N = n };
        await Put(new() { ["customer"] = S(customer), ["seq"] = N("2"), ["name"] = S("n2"), ["qty"] = S("7") });
        await Put(new() { ["customer"] = S(customer), ["seq"] = N("4"), ["name"] = S("n4"), ["note"] = new AttributeValue { NULL = true }, ["extra"] = new AttributeValue { L = [N("1")] } });
        await Put(new() { ["customer"] = S(customer), ["seq"] = N("5"), ["name"] = S("n5"), ["extra"] = new AttributeValue { M = new() { ["a"] = new AttributeValue { BS = [new System.IO.MemoryStream([0, 1])] } } } });
        var before = Orders.DirectReadFallbacks;

        var read = await Run.Value(query(Orders, customer, new QueryOptions { ConsistentRead = true }), session);
        var expected = QueryAll(customer).Select(Orders.Mapper.FromAttributes).ToList();

        Assert.Equal(Show(expected), Show(read.ToList()));
        Assert.Equal(7, read.Single(o => o.Seq == 2).Quantity);
        Assert.Null(read.Single(o => o.Seq == 4).Note);
        Assert.Equal(2, Orders.DirectReadFallbacks - before); // seq 2 and 4; seq 5's unmapped attribute is skipped, as the mapping ignores it

        var single = await Run.Value(get(Orders, customer, 2, consistentRead: true), session);
        Assert.Equal(7, single.IfNone(() => throw new InvalidOperationException()).Quantity);
        Assert.Equal(3, Orders.DirectReadFallbacks - before);
    }

    [Fact]
    public async Task Throttled_reads_are_retried_by_the_SDK_and_without_retries_fail_with_its_exception()
    {
        await Run.Value(save(Orders, new BenchOrder { Customer = "throttled", Seq = 1, Name = "kept" }), session);
        var refused = 0;
        await using var proxy = RefusingProxy.Start(await LocalDynamo.EndpointAsync(), request =>
            RefusingProxy.Operation(request) is "GetItem" or "Query" or "BatchGetItem" && Interlocked.Increment(ref refused) % 2 == 1
                ? new Refusal("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.")
                : null);

        using var retrying = session.WithEndpoint(proxy.Endpoint).WithClientConfiguration(c => c.MaxErrorRetry = 3);
        Assert.Equal("kept", (await Run.Value(get(Orders, "throttled", 1), retrying)).IfNone(() => throw new InvalidOperationException()).Name);
        Assert.Equal("kept", Assert.Single(await Run.Value(query(Orders, "throttled"), retrying)).Name);
        Assert.Equal("kept", Assert.Single(await Run.Value(batchGet(Orders, [ItemKey.Of("throttled", 1)]), retrying)).Name);
        Assert.Equal(3, proxy.Rejected);

        using var impatient = session.WithEndpoint(proxy.Endpoint).WithClientConfiguration(c => c.MaxErrorRetry = 0);
        var failure = await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(() => Run.Value(get(Orders, "throttled", 1), impatient));
        Assert.Contains("The level of configured provisioned throughput for the table was exceeded.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_of_a_missing_table_fails_with_the_SDKs_exception()
    {
        using var empty = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("DirectNone"));
        var sdk = await Assert.ThrowsAsync<ResourceNotFoundException>(() => raw.QueryAsync(new QueryRequest { TableName = "no_such_table", KeyConditionExpression = "customer = :c", ExpressionAttributeValues = new() { [":c"] = new AttributeValue { S = "c" } } }));
        var ours = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(query(Orders, "c"), empty));
        var get1 = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(get(Orders, "c", 1), empty));
        Assert.Contains(sdk.Message, ours.Message, StringComparison.Ordinal);
        Assert.Contains(sdk.Message, get1.Message, StringComparison.Ordinal);
    }

    private List<Dictionary<string, AttributeValue>> QueryAll(string customer)
    {
        var all = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = raw.QueryAsync(new QueryRequest
            {
                TableName = Orders.Name,
                KeyConditionExpression = "customer = :c",
                ExpressionAttributeValues = new() { [":c"] = new AttributeValue { S = customer } },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }).GetAwaiter().GetResult();
            all.AddRange(page.Items);
            start = page.LastEvaluatedKey;
        }
        while (start is { Count: > 0 });
        return all;
    }

    private List<BenchOrder> Pages(Func<string?, LanguageExt.Aff<SessionEnv, Page<BenchOrder>>> read)
    {
        var all = new List<BenchOrder>();
        string? token = null;
        do
        {
            var page = Run.Value(read(token), session).GetAwaiter().GetResult();
            all.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);
        return all;
    }

    /// <summary>The item with numbers DynamoDB can store (magnitudes 1e-130 to 1e126; the generators also make smaller and larger doubles).</summary>
    private static MapNested Storable(MapNested item)
    {
        static double Fit(double d) => Math.Abs(d) is > 0 and < 1e-129 ? 0 : Math.Abs(d) > 9e125 ? Math.Sign(d) : d;
        foreach (var address in new[] { item.Home }.Concat(item.Others ?? []).Concat(item.ByName?.Values.AsEnumerable() ?? []))
        {
            if (address?.Location is { } p)
            {
                (p.X, p.Y) = (Fit(p.X), Fit(p.Y));
            }
        }

        return item;
    }

    private static List<T> Collect<T>(IAsyncEnumerable<T> items) => items.ToBlockingEnumerable().ToList();

    private Task Put(Dictionary<string, AttributeValue> item) => raw.PutItemAsync(new PutItemRequest { TableName = Orders.Name, Item = item });

    private static string Show<V>(V value) => SdkOracle.Canonical(JsonNode.Parse(JsonSerializer.Serialize(value, Json)));
}

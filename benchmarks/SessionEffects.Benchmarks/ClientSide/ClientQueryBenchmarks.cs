using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Client-side Query returning 10, 100 or 1,000 orders in one page (recorded from DynamoDB Local): raw SDK with a
/// hand-mapped loop, the core, the facade and DynamoDBContext.QueryAsync. Goal (issue #18): ours / DynamoDBContext ≤ 0.5.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
public class ClientQueryBenchmarks
{
    private static readonly DynamoTable<BenchOrder> Table = SessionEffects.DynamoTable.Of<BenchOrder>();
    private CannedDynamo canned = null!;
    private AwsSession session = null!;
    private DynamoDBContext context = null!;
    private SessionEnv env;
    private string customer = string.Empty;

    /// <summary>How many orders the query returns.</summary>
    [Params(10, 100, 1000)]
    public int Items { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        customer = Items == 1000 ? CannedResponses.BigCustomer : "q" + Items;
        canned = new CannedDynamo().Answer("Query", CannedResponses.Recorded("Query-" + Items));
        session = canned.Session("ClientQuery");
        context = ClientContext.For(session.DynamoDB);
        env = SessionEnv.New(session);
        Sessions.Configure(session);
        var counts = new[] { (await Raw_Query_HandMapped()).Count, (await Core_Query()).ThrowIfFail().Count, (await Facade_QueryAsync()).Count, (await Context_QueryAsync()).Count,
            (await Sdk_Query_CompiledMapping()).Count, (await Direct_Query()).Count, (await Core_Fetch()).ThrowIfFail().Count };
        if (Array.Exists(counts, c => c != Items))
        {
            throw new InvalidOperationException($"Benchmark setup: a path read [{string.Join(", ", counts)}] orders, not {Items}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        context.Dispose();
        env.CancellationTokenSource.Dispose();
        session.Dispose();
    }

    /// <summary>What a raw-SDK user writes: the query, every page, each item mapped by hand.</summary>
    [Benchmark(Baseline = true)]
    public async Task<List<BenchOrder>> Raw_Query_HandMapped()
    {
        var orders = new List<BenchOrder>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await session.DynamoDB.QueryAsync(new QueryRequest
            {
                TableName = Table.Name,
                KeyConditionExpression = "#c = :c",
                ExpressionAttributeNames = new() { ["#c"] = "customer" },
                ExpressionAttributeValues = new() { [":c"] = new AttributeValue { S = customer } },
                ExclusiveStartKey = start,
            }).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                orders.Add(HandMapping.FromAttributes(item));
            }

            start = page.LastEvaluatedKey;
        }
        while (start is { Count: > 0 });
        return orders;
    }

    [Benchmark]
    public ValueTask<Fin<Seq<BenchOrder>>> Core_Query() => Dynamo.query(Table, customer).Run(env);

    /// <summary>The same query as a LINQ query value, built (expression tree, translation) and run per call; it reads directly too (#26).</summary>
    [Benchmark]
    public ValueTask<Fin<Seq<BenchOrder>>> Core_Fetch() => Dynamo.fetch(Table.Query().Where(o => o.Customer == customer)).Run(env);

    /// <summary>The read before the direct read (#26): the SDK unmarshals each page into attribute maps, the compiled mapping maps.</summary>
    [Benchmark]
    public async Task<List<BenchOrder>> Sdk_Query_CompiledMapping()
    {
        var orders = new List<BenchOrder>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await session.DynamoDB.QueryAsync(Request(start)).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                orders.Add(Table.Mapper.FromAttributes(item));
            }

            start = page.LastEvaluatedKey;
        }
        while (start is { Count: > 0 });
        return orders;
    }

    /// <summary>The direct read alone: each page through the session client with the class's Query unmarshaller.</summary>
    [Benchmark]
    public async Task<List<BenchOrder>> Direct_Query()
    {
        var client = (SessionDynamoClient)session.DynamoDB;
        var orders = new List<BenchOrder>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = (DirectQueryResponse<BenchOrder>)await client.QueryAsync(Request(start), Table.Mapper.DirectQuery!, default).ConfigureAwait(false);
            foreach (var item in page.Read)
            {
                orders.Add(item.Resolve(Table.Mapper));
            }

            start = page.LastEvaluatedKey;
        }
        while (start is { Count: > 0 });
        return orders;
    }

    private QueryRequest Request(Dictionary<string, AttributeValue>? start) => new()
    {
        TableName = Table.Name,
        KeyConditionExpression = "#c = :c",
        ExpressionAttributeNames = new() { ["#c"] = "customer" },
        ExpressionAttributeValues = new() { [":c"] = new AttributeValue { S = customer } },
        ExclusiveStartKey = start,
    };

    [Benchmark]
    public async Task<List<BenchOrder>> Facade_QueryAsync()
    {
        var orders = new List<BenchOrder>();
        await foreach (var order in Table.QueryAsync(customer).ConfigureAwait(false))
        {
            orders.Add(order);
        }

        return orders;
    }

    [Benchmark]
    public Task<List<BenchOrder>> Context_QueryAsync() => context.QueryAsync<BenchOrder>(customer).GetRemainingAsync();
}

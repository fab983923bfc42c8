using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Issue #13, client-side: a batch get of 1,000 keys (10 BatchGetItem requests of 100, answered from the recorded
/// orders) through <c>Dynamo.batchGet</c>, against the hand-written SDK loop a raw user writes (chunks of 100, retry
/// unprocessed keys, hand mapping), and DynamoDBContext's CreateBatchGet. Goal: core / raw ≤ 1.05 in time.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
public class ClientBatchGetBenchmarks
{
    private const int Keys = 1000;
    private static readonly DynamoTable<BenchOrder> Table = SessionEffects.DynamoTable.Of<BenchOrder>();
    private readonly List<ItemKey> keys = [.. Enumerable.Range(0, Keys).Select(s => ItemKey.Of(CannedResponses.BigCustomer, s))];
    private AwsSession session = null!;
    private DynamoDBContext context = null!;
    private SessionEnv env;

    [GlobalSetup]
    public async Task Setup()
    {
        var canned = new CannedDynamo().Generate("BatchGetItem", CannedResponses.BatchGet);
        session = canned.Session("ClientBatchGet");
        context = ClientContext.For(session.DynamoDB);
        env = SessionEnv.New(session);
        var counts = new[] { (await Raw_BatchGet_HandLoop()).Count, (await Core_BatchGet()).ThrowIfFail().Count, (await Context_BatchGet()).Count };
        if (Array.Exists(counts, c => c != Keys))
        {
            throw new InvalidOperationException($"Benchmark setup: a path read [{string.Join(", ", counts)}] orders, not {Keys}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        context.Dispose();
        env.CancellationTokenSource.Dispose();
        session.Dispose();
    }

    /// <summary>Chunks of 100 keys, unprocessed keys sent again, every item mapped by hand (order not restored).</summary>
    [Benchmark(Baseline = true)]
    public async Task<List<BenchOrder>> Raw_BatchGet_HandLoop()
    {
        var orders = new List<BenchOrder>(Keys);
        for (var start = 0; start < Keys; start += 100)
        {
            var pending = new Dictionary<string, KeysAndAttributes>
            {
                [Table.Name] = new KeysAndAttributes { Keys = [.. Enumerable.Range(start, 100).Select(s => HandMapping.Key(CannedResponses.BigCustomer, s))] },
            };
            while (pending.Count > 0)
            {
                var response = await session.DynamoDB.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }).ConfigureAwait(false);
                foreach (var item in response.Responses[Table.Name])
                {
                    orders.Add(HandMapping.FromAttributes(item));
                }

                pending = response.UnprocessedKeys is { Count: > 0 } left ? left : [];
            }
        }

        return orders;
    }

    /// <summary><c>Dynamo.batchGet</c>: keys checked and de-duplicated, results in key order.</summary>
    [Benchmark]
    public ValueTask<Fin<Seq<BenchOrder>>> Core_BatchGet() => Dynamo.batchGet(Table, keys).Run(env);

    [Benchmark]
    public async Task<List<BenchOrder>> Context_BatchGet()
    {
        var get = context.CreateBatchGet<BenchOrder>();
        for (var s = 0; s < Keys; s++)
        {
            get.AddKey(CannedResponses.BigCustomer, s);
        }

        await get.ExecuteAsync().ConfigureAwait(false);
        return get.Results;
    }
}

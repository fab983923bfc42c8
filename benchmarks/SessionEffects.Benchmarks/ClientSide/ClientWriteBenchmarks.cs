using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Client-side PutItem of one order, BatchWriteItem of 25 and one Scan page of 100 (canned answers recorded from
/// DynamoDB Local): raw SDK with hand mapping (each category's baseline), core, facade and DynamoDBContext
/// (SaveAsync, which sends an UpdateItem; CreateBatchWrite; FromScanAsync's first page).
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClientWriteBenchmarks
{
    private static readonly DynamoTable<BenchOrder> Table = SessionEffects.DynamoTable.Of<BenchOrder>();
    private readonly BenchOrder order = BenchOrder.Make("c1", 1);
    private readonly List<BenchOrder> batch = [.. Enumerable.Range(2000, 25).Select(s => BenchOrder.Make("w", s))];
    private CannedDynamo canned = null!;
    private AwsSession session = null!;
    private DynamoDBContext context = null!;
    private SessionEnv env;

    [GlobalSetup]
    public async Task Setup()
    {
        canned = new CannedDynamo()
            .Answer("PutItem", CannedResponses.Recorded("PutItem"))
            .Answer("UpdateItem", CannedResponses.Recorded("UpdateItem"))
            .Answer("BatchWriteItem", CannedResponses.Recorded("BatchWriteItem"))
            .Answer("Scan", CannedResponses.Recorded("ScanPage-100"));
        session = canned.Session("ClientWrite");
        context = ClientContext.For(session.DynamoDB);
        env = SessionEnv.New(session);
        Sessions.Configure(session);
        (await Core_ScanPage()).ThrowIfFail();
        await Context_SaveAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        context.Dispose();
        env.CancellationTokenSource.Dispose();
        session.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("PutItem")]
    public Task<PutItemResponse> Raw_PutItem_HandMapped() =>
        session.DynamoDB.PutItemAsync(new PutItemRequest { TableName = Table.Name, Item = HandMapping.ToAttributes(order) });

    [Benchmark]
    [BenchmarkCategory("PutItem")]
    public ValueTask<Fin<Unit>> Core_Save() => Dynamo.save(Table, order).Run(env);

    [Benchmark]
    [BenchmarkCategory("PutItem")]
    public Task Facade_SaveAsync() => Table.SaveAsync(order);

    [Benchmark]
    [BenchmarkCategory("PutItem")]
    public Task Context_SaveAsync() => context.SaveAsync(order);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("BatchWrite25")]
    public Task Raw_BatchWrite25_HandMapped() =>
        RawCopy.WriteBatchAsync(session.DynamoDB, Table.Name, [.. batch.Select(o => new WriteRequest(new PutRequest(HandMapping.ToAttributes(o))))], CancellationToken.None);

    [Benchmark]
    [BenchmarkCategory("BatchWrite25")]
    public ValueTask<Fin<Unit>> Core_BatchSave25() => Dynamo.batchSave(Table, batch).Run(env);

    [Benchmark]
    [BenchmarkCategory("BatchWrite25")]
    public Task Facade_BatchSaveAsync25() => Table.BatchSaveAsync(batch);

    [Benchmark]
    [BenchmarkCategory("BatchWrite25")]
    public Task Context_BatchWrite25()
    {
        var write = context.CreateBatchWrite<BenchOrder>();
        write.AddPutItems(batch);
        return write.ExecuteAsync();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ScanPage100")]
    public async Task<List<BenchOrder>> Raw_ScanPage_HandMapped()
    {
        var page = await session.DynamoDB.ScanAsync(new ScanRequest { TableName = Table.Name, Limit = 100 }).ConfigureAwait(false);
        return page.Items.ConvertAll(HandMapping.FromAttributes);
    }

    /// <summary>The scan page before the direct read (#26): the SDK's attribute maps, mapped by the compiled mapping.</summary>
    [Benchmark]
    [BenchmarkCategory("ScanPage100")]
    public async Task<List<BenchOrder>> Sdk_ScanPage_CompiledMapping()
    {
        var page = await session.DynamoDB.ScanAsync(new ScanRequest { TableName = Table.Name, Limit = 100 }).ConfigureAwait(false);
        return page.Items.ConvertAll(Table.Mapper.FromAttributes);
    }

    [Benchmark]
    [BenchmarkCategory("ScanPage100")]
    public ValueTask<Fin<Page<BenchOrder>>> Core_ScanPage() => Dynamo.scanPage(Table, new ScanOptions { PageSize = 100 }).Run(env);

    [Benchmark]
    [BenchmarkCategory("ScanPage100")]
    public Task<Page<BenchOrder>> Facade_ScanPageAsync() => Table.ScanPageAsync(new ScanOptions { PageSize = 100 });

    [Benchmark]
    [BenchmarkCategory("ScanPage100")]
    public Task<List<BenchOrder>> Context_ScanPage() =>
        context.FromScanAsync<BenchOrder>(new ScanOperationConfig { Limit = 100 }).GetNextSetAsync();
}

using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Benchmark 2: one GetItem of the same item through the same client, three ways: the raw SDK call on the session's
/// client, the core effect <c>Dynamo.get</c>, and the facade's <c>table.GetAsync</c>. Goal: ratio at most 1.05.
/// </summary>
[Config(typeof(BenchConfigs.Io))]
public class GetItemBenchmarks
{
    private const string Key = "item-000001";
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;
    private DynamoDbLocal? local;
    private AwsSession session = null!;
    private SessionEnv env;
    private GetItemRequest rawRequest = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        local = await LocalDynamo.StartAsync();
        session = LocalDynamo.NewAccount(local, "GetItem");
        await LocalDynamo.CreateTableAsync(session);
        await LocalDynamo.SeedAsync(session, 10);
        await LocalDynamo.ExpectItemAsync(session.DynamoDB, Key);
        await LocalDynamo.WarmUpAsync(session.DynamoDB, Key, BenchMode.Short ? 300 : 3000);
        env = SessionEnv.New(session);
        Sessions.Configure(session);
        rawRequest = LocalDynamo.RawGet(Key);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        env.CancellationTokenSource.Dispose();
        session.Dispose();
        await LocalDynamo.StopAsync(local);
    }

    /// <summary>The plain SDK call on the session's own (cached) client; the response is not mapped to an object.</summary>
    [Benchmark(Baseline = true)]
    public Task<GetItemResponse> Raw_GetItemAsync() => session.DynamoDB.GetItemAsync(rawRequest);

    /// <summary><c>Dynamo.get(table, key)</c> run in an environment made once (the effect is built per call).</summary>
    [Benchmark]
    public ValueTask<Fin<Option<BenchItem>>> Core_Get() => Dynamo.get(Table, Key).Run(env);

    /// <summary><c>table.GetAsync(key)</c>: the core effect run by the facade in a new environment per call.</summary>
    [Benchmark]
    public Task<BenchItem?> Facade_GetAsync() => Table.GetAsync(Key);
}

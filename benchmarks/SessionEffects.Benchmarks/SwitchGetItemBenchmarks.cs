using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Benchmark 3, the Python original's headline: GetItem (1.33 ms) versus the same GetItem inside a session switch
/// (35.3 ms, i.e. 34 ms per switch). Both accounts hold the item and both clients are warm. Goal: the switch adds at
/// most 1 µs and no request. The requests are counted in setup (a fixed number of switch+gets) and over the whole case.
/// </summary>
[Config(typeof(BenchConfigs.Io))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SwitchGetItemBenchmarks
{
    private const string Key = "item-000001";
    private const int CheckedSwitches = 200;
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;
    private DynamoDbLocal? local;
    private AwsSession accountA = null!;
    private AwsSession accountB = null!;
    private SessionEnv env;
    private RequestCounter counter = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        local = await LocalDynamo.StartAsync();
        accountA = LocalDynamo.NewAccount(local, "SwitchA");
        accountB = LocalDynamo.NewAccount(local, "SwitchB");
        foreach (var s in new[] { accountA, accountB })
        {
            await LocalDynamo.CreateTableAsync(s);
            await LocalDynamo.SeedAsync(s, 10);
            await LocalDynamo.ExpectItemAsync(s.DynamoDB, Key);
            await LocalDynamo.WarmUpAsync(s.DynamoDB, Key, BenchMode.Short ? 300 : 1500);
        }

        env = SessionEnv.New(accountA);
        Sessions.Configure(accountA);
        counter = new RequestCounter();
        counter.Watch(accountA.DynamoDB);
        counter.Watch(accountB.DynamoDB);

        // "No extra requests": N switch+gets through each surface must send exactly N requests.
        for (var i = 0; i < CheckedSwitches; i++)
        {
            counter.Operation();
            await Facade_SwitchThenGetItem_Uncounted();
        }

        Console.WriteLine(counter.Summary($"setup check: {CheckedSwitches} facade switch+GetItem"));
        counter.Reset();
        for (var i = 0; i < CheckedSwitches; i++)
        {
            counter.Operation();
            (await Scope.useSession(Table, accountB, Dynamo.get(Table, Key)).Run(env)).ThrowIfFail();
        }

        Console.WriteLine(counter.Summary($"setup check: {CheckedSwitches} core useSession+get"));
        counter.Reset();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        Console.WriteLine(counter.Summary("whole benchmark case, including BenchmarkDotNet's warm-up and pilot invocations"));
        counter.Dispose();
        env.CancellationTokenSource.Dispose();
        accountA.Dispose();
        accountB.Dispose();
        await LocalDynamo.StopAsync(local);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Facade")]
    public Task<BenchItem?> Facade_GetItem()
    {
        counter.Operation();
        return Table.GetAsync(Key);
    }

    [Benchmark]
    [BenchmarkCategory("Facade")]
    public Task<BenchItem?> Facade_SwitchThenGetItem()
    {
        counter.Operation();
        return Facade_SwitchThenGetItem_Uncounted();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Core")]
    public ValueTask<Fin<Option<BenchItem>>> Core_GetItem()
    {
        counter.Operation();
        return Dynamo.get(Table, Key).Run(env);
    }

    [Benchmark]
    [BenchmarkCategory("Core")]
    public ValueTask<Fin<Option<BenchItem>>> Core_SwitchThenGetItem()
    {
        counter.Operation();
        return Scope.useSession(Table, accountB, Dynamo.get(Table, Key)).Run(env);
    }

    private async Task<BenchItem?> Facade_SwitchThenGetItem_Uncounted()
    {
        using (Sessions.UseSession(Table, accountB))
        {
            return await Table.GetAsync(Key);
        }
    }
}

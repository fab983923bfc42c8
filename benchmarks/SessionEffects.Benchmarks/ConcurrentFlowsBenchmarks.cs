using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Benchmark 4: 64 concurrent flows, each doing <see cref="GetsPerFlow"/> GetItems. Either every flow stays on one
/// session, or each GetItem runs inside a switch to one of 8 sessions (8 accounts, 8 clients), rotating. The times are
/// per GetItem (<c>OperationsPerInvoke</c>), so throughput ratio = baseline time / switching time. Goal: at least 0.9.
/// </summary>
[Config(typeof(BenchConfigs.Io))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ConcurrentFlowsBenchmarks
{
    private const int Flows = 64;
    private const int GetsPerFlow = 8;
    private const int Operations = Flows * GetsPerFlow;
    private const int SessionCount = 8;
    private const string Key = "item-000001";
    private static readonly Table<BenchItem> Table = LocalDynamo.Table;
    private readonly Task[] tasks = new Task[Flows];
    private DynamoDbLocal? local;
    private AwsSession[] sessions = [];
    private SessionEnv env;
    private RequestCounter counter = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        local = await LocalDynamo.StartAsync();
        sessions = new AwsSession[SessionCount];
        for (var i = 0; i < SessionCount; i++)
        {
            sessions[i] = LocalDynamo.NewAccount(local, "Flows");
            await LocalDynamo.CreateTableAsync(sessions[i]);
            await LocalDynamo.SeedAsync(sessions[i], 10);
            await LocalDynamo.ExpectItemAsync(sessions[i].DynamoDB, Key);
            await LocalDynamo.WarmUpAsync(sessions[i].DynamoDB, Key, BenchMode.Short ? 50 : 400);
        }

        env = SessionEnv.New(sessions[0]);
        Sessions.Configure(sessions[0]);
        counter = new RequestCounter();
        foreach (var s in sessions)
        {
            counter.Watch(s.DynamoDB);
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        Console.WriteLine(counter.Summary("whole benchmark case"));
        counter.Dispose();
        env.CancellationTokenSource.Dispose();
        foreach (var s in sessions)
        {
            s.Dispose();
        }

        await LocalDynamo.StopAsync(local);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("Facade")]
    public Task Facade_64Flows_OneSession() => RunFlows(FacadeOneSessionFlow);

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("Facade")]
    public Task Facade_64Flows_Switching8Sessions() => RunFlows(FacadeSwitchingFlow);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    [BenchmarkCategory("Core")]
    public Task Core_64Flows_OneSession() => RunFlows(CoreOneSessionFlow);

    [Benchmark(OperationsPerInvoke = Operations)]
    [BenchmarkCategory("Core")]
    public Task Core_64Flows_Switching8Sessions() => RunFlows(CoreSwitchingFlow);

    private Task RunFlows(Func<int, Task> flow)
    {
        for (var i = 0; i < Flows; i++)
        {
            tasks[i] = flow(i);
        }

        return Task.WhenAll(tasks);
    }

    private async Task FacadeOneSessionFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            counter.Operation();
            _ = await Table.GetAsync(Key).ConfigureAwait(false) ?? throw new InvalidOperationException("missing item");
        }
    }

    private async Task FacadeSwitchingFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            counter.Operation();
            using (Sessions.UseSession(Table, sessions[(flow + k) % SessionCount]))
            {
                _ = await Table.GetAsync(Key).ConfigureAwait(false) ?? throw new InvalidOperationException("missing item");
            }
        }
    }

    private async Task CoreOneSessionFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            counter.Operation();
            (await Dynamo.get(Table, Key).Run(env).ConfigureAwait(false)).ThrowIfFail();
        }
    }

    private async Task CoreSwitchingFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            counter.Operation();
            (await Scope.useSession(Table, sessions[(flow + k) % SessionCount], Dynamo.get(Table, Key)).Run(env).ConfigureAwait(false)).ThrowIfFail();
        }
    }
}

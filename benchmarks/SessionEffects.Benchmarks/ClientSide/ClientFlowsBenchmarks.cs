using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Client-side version of benchmark 4: 64 concurrent flows × 8 GetItems, all on one session, or each GetItem inside a
/// switch to one of 8 sessions (8 clients over the canned handler). Times are per GetItem, so throughput ratio =
/// one-session time / switching time. Goal (issue #18): at least 0.95.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClientFlowsBenchmarks
{
    private const int Flows = 64;
    private const int GetsPerFlow = 8;
    private const int Operations = Flows * GetsPerFlow;
    private const int SessionCount = 8;
    private static readonly Table<BenchOrder> Table = SessionEffects.Table.Of<BenchOrder>();
    private readonly Task[] tasks = new Task[Flows];
    private AwsSession[] sessions = [];
    private SessionEnv env;

    [GlobalSetup]
    public async Task Setup()
    {
        var canned = new CannedDynamo().Answer("GetItem", CannedResponses.Recorded("GetItem"));
        sessions = new AwsSession[SessionCount];
        for (var i = 0; i < SessionCount; i++)
        {
            sessions[i] = canned.Session("ClientFlows" + i);
            _ = await sessions[i].DynamoDB.GetItemAsync(Table.Name, HandMapping.Key("c1", 1));
        }

        env = SessionEnv.New(sessions[0]);
        Sessions.Configure(sessions[0]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        env.CancellationTokenSource.Dispose();
        foreach (var s in sessions)
        {
            s.Dispose();
        }
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
            _ = await Table.GetAsync("c1", 1).ConfigureAwait(false) ?? throw new InvalidOperationException("missing item");
        }
    }

    private async Task FacadeSwitchingFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            using (Sessions.UseSession(Table, sessions[(flow + k) % SessionCount]))
            {
                _ = await Table.GetAsync("c1", 1).ConfigureAwait(false) ?? throw new InvalidOperationException("missing item");
            }
        }
    }

    private async Task CoreOneSessionFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            (await Dynamo.get(Table, "c1", 1).Run(env).ConfigureAwait(false)).ThrowIfFail();
        }
    }

    private async Task CoreSwitchingFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            (await Scope.useSession(Table, sessions[(flow + k) % SessionCount], Dynamo.get(Table, "c1", 1)).Run(env).ConfigureAwait(false)).ThrowIfFail();
        }
    }
}

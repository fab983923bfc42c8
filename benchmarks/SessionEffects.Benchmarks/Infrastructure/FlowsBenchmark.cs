using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SessionEffects.CSharp;

namespace SessionEffects.Benchmarks.Infrastructure;

/// <summary>
/// The shape of benchmark 4, shared by its end-to-end and client-side forms: <see cref="Flows"/> concurrent flows, each
/// doing <see cref="GetsPerFlow"/> GetItems, either all on one session or each inside a switch to one of
/// <see cref="SessionCount"/> sessions, rotating, through the core and through the facade. Times are per GetItem
/// (<c>OperationsPerInvoke</c>), so throughput ratio = one-session time / switching time. A subclass sets up
/// <see cref="Sessions"/> and <see cref="Env"/> (default: the first session) and says which item every flow reads.
/// </summary>
/// <typeparam name="T">The item class.</typeparam>
public abstract class FlowsBenchmark<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>
    where T : class, new()
{
    /// <summary>Concurrent flows per invocation.</summary>
    protected const int Flows = 64;

    /// <summary>GetItems per flow.</summary>
    protected const int GetsPerFlow = 8;

    /// <summary>GetItems per invocation.</summary>
    protected const int Operations = Flows * GetsPerFlow;

    /// <summary>Sessions the switching flows rotate over.</summary>
    protected const int SessionCount = 8;

    private readonly Task[] tasks = new Task[Flows];

    /// <summary>The sessions (accounts); the first is the default.</summary>
    protected AwsSession[] Sessions { get; set; } = [];

    /// <summary>The core's environment, on the first session.</summary>
    protected SessionEnv Env { get; set; }

    /// <summary>The table every flow reads.</summary>
    protected abstract DynamoTable<T> Table { get; }

    /// <summary>The hash key of the item every flow reads.</summary>
    protected abstract object HashKey { get; }

    /// <summary>Its range key, if the table has one.</summary>
    protected virtual object? RangeKey => null;

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

    /// <summary>Called before every GetItem (a request counter's operation count).</summary>
    protected virtual void BeforeGet()
    {
    }

    /// <summary>Disposes the environment's token source and the sessions.</summary>
    protected void DisposeSessions()
    {
        Env.CancellationTokenSource.Dispose();
        foreach (var s in Sessions)
        {
            s.Dispose();
        }
    }

    private Task RunFlows(Func<int, Task> flow)
    {
        for (var i = 0; i < Flows; i++)
        {
            tasks[i] = flow(i);
        }

        return Task.WhenAll(tasks);
    }

    private AwsSession Rotating(int flow, int k) => Sessions[(flow + k) % SessionCount];

    private async Task FacadeOneSessionFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            BeforeGet();
            _ = await Table.GetAsync(HashKey, RangeKey).ConfigureAwait(false) ?? throw new InvalidOperationException("missing item");
        }
    }

    private async Task FacadeSwitchingFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            BeforeGet();
            using (SessionEffects.CSharp.Sessions.UseSession(Table, Rotating(flow, k)))
            {
                _ = await Table.GetAsync(HashKey, RangeKey).ConfigureAwait(false) ?? throw new InvalidOperationException("missing item");
            }
        }
    }

    private async Task CoreOneSessionFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            BeforeGet();
            (await Dynamo.get(Table, HashKey, RangeKey).Run(Env).ConfigureAwait(false)).ThrowIfFail();
        }
    }

    private async Task CoreSwitchingFlow(int flow)
    {
        for (var k = 0; k < GetsPerFlow; k++)
        {
            BeforeGet();
            (await Scope.useSession(Table, Rotating(flow, k), Dynamo.get(Table, HashKey, RangeKey)).Run(Env).ConfigureAwait(false)).ThrowIfFail();
        }
    }
}

using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionAff = LanguageExt.Aff<SessionEffects.SessionEnv, SessionEffects.AwsSession>;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Benchmark 1: a session switch (scope enter + exit) with no I/O. No request is sent, so no DynamoDB Local is needed:
/// the sessions point at an endpoint nobody listens on and their clients are never created.
/// Goal: at most 200 ns and at most 1 allocation per switch. The Python original: 11 µs.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ScopeSwitchBenchmarks
{
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;
    private AwsSession defaultSession = null!;
    private AwsSession other = null!;
    private SessionEnv env;
    private SessionAff current;
    private SessionAff switched;

    [GlobalSetup]
    public void Setup()
    {
        var nowhere = new Uri("http://127.0.0.1:9");
        defaultSession = LocalDynamo.Session(nowhere, "ScopeDefault");
        other = LocalDynamo.Session(nowhere, "ScopeOther");
        env = SessionEnv.New(defaultSession);
        current = Scope.currentSession(Table);
        switched = Scope.useSession(Table, other, current);
        Sessions.Configure(defaultSession);
    }

    [GlobalCleanup]
    public void Cleanup() => env.CancellationTokenSource.Dispose();

    /// <summary>The bare effect the switches below wrap: resolve the table's session in the environment.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Core")]
    public ValueTask<Fin<AwsSession>> Core_CurrentSession_NoSwitch() => current.Run(env);

    /// <summary><c>useSession(table, other, currentSession(table))</c>, the effect built once and run per operation.</summary>
    [Benchmark]
    [BenchmarkCategory("Core")]
    public ValueTask<Fin<AwsSession>> Core_UseSession_Prebuilt() => switched.Run(env);

    /// <summary>The same, with the switch effect built per operation as application code usually does.</summary>
    [Benchmark]
    [BenchmarkCategory("Core")]
    public ValueTask<Fin<AwsSession>> Core_UseSession_BuiltPerRun() => Scope.useSession(Table, other, current).Run(env);

    /// <summary>What every facade call pays to run a core effect: a new environment (linked token source) and its disposal.</summary>
    [Benchmark]
    [BenchmarkCategory("Core")]
    public int Core_SessionEnvNew_AndDispose()
    {
        var e = SessionEnv.New(Sessions.ProcessRoot);
        e.CancellationTokenSource.Dispose();
        return e.ScopeDepth;
    }

    /// <summary>The bare facade lookup the switches below wrap.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Facade")]
    public AwsSession Facade_CurrentSession_NoSwitch() => Sessions.CurrentSession(Table);

    /// <summary><c>using (Sessions.UseSession(table, other)) { }</c>: the empty switch.</summary>
    [Benchmark]
    [BenchmarkCategory("Facade")]
    public bool Facade_UseSession_Empty()
    {
        using var scope = Sessions.UseSession(Table, other);
        return scope.IsActive;
    }

    /// <summary>The switch with a lookup inside, the facade counterpart of <see cref="Core_UseSession_Prebuilt"/>.</summary>
    [Benchmark]
    [BenchmarkCategory("Facade")]
    public AwsSession Facade_UseSession_CurrentSession()
    {
        using (Sessions.UseSession(Table, other))
        {
            return Sessions.CurrentSession(Table);
        }
    }
}

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
public class ConcurrentFlowsBenchmarks : FlowsBenchmark<BenchItem>
{
    private const string Key = "item-000001";
    private DynamoDbLocal? local;
    private RequestCounter counter = null!;

    /// <inheritdoc/>
    protected override DynamoTable<BenchItem> Table => LocalDynamo.Table;

    /// <inheritdoc/>
    protected override object HashKey => Key;

    [GlobalSetup]
    public async Task Setup()
    {
        local = await LocalDynamo.StartAsync();
        var sessions = new AwsSession[SessionCount];
        for (var i = 0; i < SessionCount; i++)
        {
            sessions[i] = LocalDynamo.NewAccount(local, "Flows");
            await LocalDynamo.CreateTableAsync(sessions[i]);
            await LocalDynamo.SeedAsync(sessions[i], 10);
            await LocalDynamo.ExpectItemAsync(sessions[i].DynamoDB, Key);
            await LocalDynamo.WarmUpAsync(sessions[i].DynamoDB, Key, BenchMode.Short ? 50 : 400);
        }

        Sessions = sessions;
        Env = SessionEnv.New(sessions[0]);
        SessionEffects.CSharp.Sessions.Configure(sessions[0]);
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
        DisposeSessions();
        await LocalDynamo.StopAsync(local);
    }

    /// <inheritdoc/>
    protected override void BeforeGet() => counter.Operation();
}

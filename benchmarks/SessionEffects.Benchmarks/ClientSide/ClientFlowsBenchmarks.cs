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
public class ClientFlowsBenchmarks : FlowsBenchmark<BenchOrder>
{
    private static readonly DynamoTable<BenchOrder> Orders = SessionEffects.DynamoTable.Of<BenchOrder>();

    /// <inheritdoc/>
    protected override DynamoTable<BenchOrder> Table => Orders;

    /// <inheritdoc/>
    protected override object HashKey => "c1";

    /// <inheritdoc/>
    protected override object? RangeKey => 1;

    [GlobalSetup]
    public async Task Setup()
    {
        var canned = new CannedDynamo().Answer("GetItem", CannedResponses.Recorded("GetItem"));
        var sessions = new AwsSession[SessionCount];
        for (var i = 0; i < SessionCount; i++)
        {
            sessions[i] = canned.Session("ClientFlows" + i);
            _ = await sessions[i].DynamoDB.GetItemAsync(Orders.Name, HandMapping.Key("c1", 1));
        }

        Sessions = sessions;
        Env = SessionEnv.New(sessions[0]);
        SessionEffects.CSharp.Sessions.Configure(sessions[0]);
    }

    [GlobalCleanup]
    public void Cleanup() => DisposeSessions();
}

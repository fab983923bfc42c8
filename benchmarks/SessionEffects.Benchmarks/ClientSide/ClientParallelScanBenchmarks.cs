using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Issue #13, client-side: a scan of 100,000 orders (pages of about 1 MB generated from the recorded orders) in 1, 2,
/// 4 or 8 segments (<c>ScanOptions.Segments</c>), counted as they stream by. With no latency this is pure client CPU
/// (unmarshalling and mapping on 2 cores); with 50 ms per page it stands for a server, and shows how far the segments
/// overlap waiting.
/// </summary>
[Config(typeof(BenchConfigs.Long))]
public class ClientParallelScanBenchmarks
{
    private const int Total = 100_000;
    private static readonly DynamoTable<BenchOrder> Table = SessionEffects.DynamoTable.Of<BenchOrder>();
    private AwsSession session = null!;
    private SessionEnv env;

    [Params(1, 2, 4, 8)]
    public int Segments { get; set; }

    /// <summary>Milliseconds the canned handler waits before each page.</summary>
    [Params(0, 50)]
    public int LatencyMs { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var canned = new CannedDynamo { Latency = System.TimeSpan.FromMilliseconds(LatencyMs) }.Generate("Scan", CannedResponses.Segments(Total));
        session = canned.Session("ClientScan");
        env = SessionEnv.New(session);
        var count = await Core_ScanStream();
        if (count != Total)
        {
            throw new System.InvalidOperationException($"Benchmark setup: the scan read {count} orders, not {Total}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        env.CancellationTokenSource.Dispose();
        session.Dispose();
    }

    /// <summary><c>Dynamo.scanStream</c> with the segments, every order mapped and counted.</summary>
    [Benchmark]
    public async Task<int> Core_ScanStream()
    {
        var stream = (await Dynamo.scanStream(Table, new ScanOptions { Segments = Segments == 1 ? null : Segments }).Run(env)).ThrowIfFail();
        var count = 0;
        await foreach (var order in stream.ConfigureAwait(false))
        {
            count += order.Seq >= 0 ? 1 : 0;
        }

        return count;
    }
}

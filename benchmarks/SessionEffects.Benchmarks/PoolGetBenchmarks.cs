using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Benchmark 7: asking a tenant pool for a tenant it has cached, with 10,000 tenants in it. No I/O: the sessions point
/// at an endpoint nobody listens on and are never used. Goal: <c>Get</c> at most 100 ns and no allocation.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
public class PoolGetBenchmarks
{
    private const int Tenants = 10_000;
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;
    private SessionPool<string> pool = null!;
    private SessionPool<string> keyPool = null!;
    private string[] keys = [];
    private int next;

    [GlobalSetup]
    public async Task Setup()
    {
        // A second pool of explicit-key sessions: their credentials are ready at once, so GetAsync can take its fast path.
        keyPool = new SessionPool<string>(tenant => LocalDynamo.Session(new Uri("http://127.0.0.1:9"), "PoolKey" + tenant));
        await keyPool.GetAsync("t05000");

        var nowhere = new Uri("http://127.0.0.1:9");
        var source = LocalDynamo.Session(nowhere, "PoolSource");
        pool = new SessionPool<string>(
            tenant => source.AssumeRole(new AssumeRoleOptions("arn:aws:iam::123456789012:role/Tenant") { SessionName = "tenant-" + tenant }),
            new SessionPoolOptions { Capacity = Tenants });
        keys = new string[Tenants];
        for (var i = 0; i < Tenants; i++)
        {
            keys[i] = "t" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            pool.Get(keys[i]);
        }

        Sessions.Configure(source);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        pool.Dispose();
        keyPool.Dispose();
    }

    /// <summary><c>pool.Get(key)</c> for one cached tenant, over and over (the hottest case).</summary>
    [Benchmark(Baseline = true)]
    public AwsSession Get_SameCachedTenant() => pool.Get("t05000");

    /// <summary><c>pool.Get(key)</c> walking through all 10,000 cached tenants (dictionary and recency list under cache pressure).</summary>
    [Benchmark]
    public AwsSession Get_CachedTenants_RoundRobin()
    {
        var i = next + 1 == Tenants ? 0 : next + 1;
        next = i;
        return pool.Get(keys[i]);
    }

    /// <summary><c>await pool.GetAsync(key)</c> for a cached tenant whose credentials are ready: the cached task, no allocation.</summary>
    [Benchmark]
    public Task<AwsSession> GetAsync_SameCachedTenant() => keyPool.GetAsync("t05000");

    /// <summary><c>using (pool.UseTenant(table, key)) { }</c>: lookup, lease and a facade scope.</summary>
    [Benchmark]
    public bool UseTenant_Empty()
    {
        using var scope = pool.UseTenant(Table, "t05000");
        return scope.IsActive;
    }
}

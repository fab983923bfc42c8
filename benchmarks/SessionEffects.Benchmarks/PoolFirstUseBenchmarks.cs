using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.TestSupport;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Benchmark 8: a tenant's first use through a pool, against the local STS test double and DynamoDB Local. Every
/// operation asks for a tenant never seen before: factory, AssumeRole (an HTTP round trip to the STS double), and
/// for the second case the new DynamoDB client's first PutItem. All tenant sessions share one access key here (one
/// DynamoDB Local database with the table), so no table has to be made per tenant.
/// </summary>
[Config(typeof(BenchConfigs.Io))]
public class PoolFirstUseBenchmarks
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/BenchTenant";
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;
    private DynamoDbLocal? local;
    private LocalStsEndpoint sts = null!;
    private SessionPool<string> pool = null!;
    private AwsSession warm = null!;
    private int tenant;

    [GlobalSetup]
    public async Task Setup()
    {
        local = await LocalDynamo.StartAsync();
        sts = LocalStsEndpoint.Start();
        var tenantKey = LocalDynamo.NewAccessKey("PoolTenants");
        sts.AddRole(RoleArn, tenantKey, "tenant-secret", TimeSpan.FromHours(1));
        warm = LocalDynamo.Session(local.Endpoint, tenantKey);
        await LocalDynamo.CreateTableAsync(warm);
        await LocalDynamo.SeedAsync(warm, 10);
        await LocalDynamo.WarmUpAsync(warm.DynamoDB, "item-000001", BenchMode.Short ? 300 : 3000);
        var source = LocalDynamo.Session(local.Endpoint, LocalDynamo.NewAccessKey("PoolSource")).WithStsEndpoint(sts.Endpoint);
        pool = new SessionPool<string>(
            t => source.AssumeRole(new AssumeRoleOptions(RoleArn) { SessionName = "tenant-" + t }),
            new SessionPoolOptions { Capacity = 1_000 });
        Sessions.Configure(warm);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        pool.Dispose();
        warm.Dispose();
        await sts.DisposeAsync();
        await LocalDynamo.StopAsync(local);
    }

    /// <summary>A PutItem through the warm session, for scale.</summary>
    [Benchmark(Baseline = true)]
    public Task Warm_SaveAsync() => Table.SaveAsync(new BenchItem { Id = "warm", Payload = "x" });

    /// <summary><c>await pool.GetAsync(newTenant)</c>: factory + AssumeRole, credentials ready.</summary>
    [Benchmark]
    public Task<AwsSession> FirstUse_GetAsync() => pool.GetAsync(NextTenant());

    /// <summary><c>using (pool.UseTenant(table, newTenant)) await table.SaveAsync(item)</c>: factory, AssumeRole, new client, first PutItem.</summary>
    [Benchmark]
    public async Task FirstUse_UseTenant_SaveAsync()
    {
        var t = NextTenant();
        using (pool.UseTenant(Table, t))
        {
            await Table.SaveAsync(new BenchItem { Id = t, Payload = "x" });
        }
    }

    private string NextTenant() => "n" + Interlocked.Increment(ref tenant).ToString(CultureInfo.InvariantCulture);
}

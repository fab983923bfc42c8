using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.TestSupport;

namespace SessionEffects.Benchmarks;

/// <summary>
/// <c>-- --pool-memory</c>: not a BenchmarkDotNet benchmark but a measurement of what a cached tenant costs in memory:
/// 10,000 tenants in a pool, the managed heap measured (after full collections) once the sessions are made, once
/// their DynamoDB clients exist, and once their credentials have been fetched from the local STS test double.
/// </summary>
internal static class PoolMemory
{
    private const int Tenants = 10_000;
    private const string RoleArn = "arn:aws:iam::123456789012:role/MemoryTenant";

    public static int Run()
    {
        RunAsync().GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync()
    {
        await using var sts = LocalStsEndpoint.Start();
        sts.AddRole(RoleArn, "PoolMemoryTenantKey", "tenant-secret", TimeSpan.FromHours(1));
        var source = LocalDynamo.Session(new Uri("http://127.0.0.1:9"), "PoolMemorySource").WithStsEndpoint(sts.Endpoint);
        var keys = Enumerable.Range(0, Tenants).Select(i => "t" + i.ToString("D5", CultureInfo.InvariantCulture)).ToArray();
        using var pool = new SessionPool<string>(
            t => source.AssumeRole(new AssumeRoleOptions(RoleArn) { SessionName = "tenant-" + t }),
            new SessionPoolOptions { Capacity = Tenants, MaxConcurrentAssumeRoles = 16 });

        var empty = Retained();
        foreach (var key in keys)
        {
            pool.Get(key);
        }

        var made = Retained();
        foreach (var key in keys)
        {
            _ = pool.Get(key).DynamoDB;
        }

        var clients = Retained();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, _) => await pool.GetAsync(key));
        sts.ClearHistory();
        var credentials = Retained();

        Report("session made (lazy: no client, no credentials)", made - empty);
        Report("+ its DynamoDB client (first request)", clients - made);
        Report("+ credentials fetched (the refresher's state; the STS client is shared)", credentials - clients);
        Report("a tenant in use, in all", credentials - empty);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ({pool.Statistics})"));
        GC.KeepAlive(source);
    }

    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Report(string what, long bytes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {what}: {bytes / (double)Tenants / 1024:0.00} KB per tenant ({bytes / 1024.0 / 1024:0.0} MB for {Tenants:N0})"));
}

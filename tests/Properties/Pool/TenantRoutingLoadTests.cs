using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// Issue #15's main proof: 1,000 tenants served by 64 concurrent flows through one pool, each item written through
/// its tenant's assumed-role session. DynamoDB Local keeps a database per access key and the STS double gives every
/// role session its own key, so reading each tenant's database with a plain client shows where every item landed.
/// </summary>
[Collection(PoolLoadCollection.Name)]
public sealed class TenantRoutingLoadTests(ThousandTenants shared, ITestOutputHelper output)
{
    private const int Tenants = ThousandTenants.Count;
    private const int Flows = 64;
    private const int ItemsPerTenant = 4;

    [Fact]
    public async Task A_thousand_tenants_and_64_flows_put_every_item_in_its_tenants_database_with_one_AssumeRole_per_tenant()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        var tenants = shared.Tenants;
        var tablesTook = shared.CreationTime;

        using var pool = new SessionPool<string>(bed.Factory(), new SessionPoolOptions { Capacity = Tenants, MaxConcurrentAssumeRoles = 8 });
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("PoolDefault"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(defaultSession));

        // A tenant's items are next to each other in the queue, so several flows ask for a new tenant at the same moment.
        var work = tenants.SelectMany(t => Enumerable.Range(0, ItemsPerTenant).Select(n => (Tenant: t, N: n))).ToArray();
        var next = -1;
        var failures = new ConcurrentQueue<Exception>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Flows).Select(flow => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < work.Length; i = Interlocked.Increment(ref next))
            {
                var (tenant, n) = work[i];
                var item = new TenantItem { Id = $"route-{tenant}-{n}", Tenant = tenant };
                try
                {
                    await WriteAsync(pool, flow % 3, tenant, item);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            }
        })));
        var writesTook = clock.Elapsed;

        Assert.Empty(failures);
        var misrouted = 0;
        var found = 0;
        foreach (var tenant in tenants)
        {
            var items = (await bed.ItemsOfAsync(tenant)).Where(i => i["id"].S.StartsWith("route-", StringComparison.Ordinal)).ToList();
            misrouted += items.Count(i => i["tenant"].S != tenant);
            found += items.Count;
            Assert.Equal(ItemsPerTenant, items.Count);
        }

        Assert.Equal(0, misrouted);
        Assert.Equal(Tenants * ItemsPerTenant, found);
        Assert.False(await TenantBed.Items.ExistsAsync(), "nothing may fall through to the default account");

        var assumeRoles = bed.AssumeRoles();
        Assert.Equal(Tenants, assumeRoles.Count);
        Assert.Equal(tenants.Order(StringComparer.Ordinal), assumeRoles.Select(r => r.Tags["tenant"]).Order(StringComparer.Ordinal));
        Assert.All(assumeRoles, r => Assert.Equal(TenantBed.SessionName(r.Tags["tenant"]), r.Parameters["RoleSessionName"]));
        var stats = pool.Statistics;
        Assert.Equal(Tenants, stats.Misses);
        Assert.Equal(Tenants, stats.AssumeRoleCalls);
        Assert.Equal(0, stats.AssumeRoleFailures);
        Assert.Equal(0, stats.Evictions);
        Assert.True(bed.Sts.AssumeRoleInFlightHighWater <= 8, $"AssumeRole high-water {bed.Sts.AssumeRoleInFlightHighWater} > 8");
        output.WriteLine(
            $"{Tenants} tables in {tablesTook.TotalSeconds:0.0} s; {found} items by {Flows} flows in {writesTook.TotalSeconds:0.0} s; " +
            $"{assumeRoles.Count} AssumeRole calls (high-water {bed.Sts.AssumeRoleInFlightHighWater}); {stats}");
    }

    /// <summary>Three ways in: the facade's UseTenant, a plain facade scope over Get, and the core's useTenant effect.</summary>
    private static async Task WriteAsync(SessionPool<string> pool, int way, string tenant, TenantItem item)
    {
        switch (way)
        {
            case 0:
                using (pool.UseTenant(TenantBed.Items, tenant))
                {
                    await TenantBed.Items.SaveAsync(item);
                }

                break;
            case 1:
                using (Sessions.UseSession(TenantBed.Items, pool.Get(tenant)))
                {
                    await TenantBed.Items.SaveAsync(item);
                }

                break;
            default:
                await Sessions.RunAsync(Pools.useTenant(pool, TenantBed.Items, tenant, Dynamo.save(TenantBed.Items, item)));
                break;
        }
    }
}

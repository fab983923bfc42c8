using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using Xunit;
using Xunit.Abstractions;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// The pool stays within its capacity and never disposes a session under an operation: sessions are sampled while
/// 64 flows work through far more tenants than fit, every disposal is checked against the flows' own count of
/// operations using that session, and no operation may fail (in particular never with ObjectDisposedException).
/// </summary>
[Collection(PoolLoadCollection.Name)]
public sealed class CapacityTests(ThousandTenants shared, ITestOutputHelper output)
{
    [Fact]
    public async Task Capacity_100_with_1000_tenants_keeps_at_most_100_sessions_alive_and_disposes_none_in_use()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        var run = await RunAsync(bed, shared.Tenants, capacity: 100, flows: 64, opsPerFlow: 40, holdMilliseconds: 0);

        Assert.Empty(run.Failures);
        Assert.Empty(run.DisposedInUse);
        Assert.True(run.MaxAlive <= 100, $"{run.MaxAlive} sessions were alive at once; the capacity is 100");
        Assert.True(run.Stats.Evictions > 1_000, $"only {run.Stats.Evictions} evictions: the test did not churn the pool");
        Assert.Equal(run.Stats.Created, run.Stats.Disposed);
        await AssertEveryItemAtHomeAsync(bed, run);
        output.WriteLine($"max alive {run.MaxAlive} over {run.Samples} samples; {run.Stats}");
    }

    [Fact]
    public async Task A_pool_smaller_than_its_users_evicts_sessions_in_use_but_disposes_each_only_after_its_last_operation()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        var run = await RunAsync(bed, shared.Tenants.Take(16).ToArray(), capacity: 4, flows: 32, opsPerFlow: 40, holdMilliseconds: 3);

        Assert.Empty(run.Failures);
        Assert.Empty(run.DisposedInUse);
        Assert.True(run.RetiredInUseSeen > 0, "no session was ever evicted while in use: the test did not exercise deferred disposal");
        Assert.True(run.MaxAlive <= 4 + 32, $"{run.MaxAlive} sessions alive: more than the capacity plus the sessions in use");
        Assert.Equal(run.Stats.Created, run.Stats.Disposed);
        await AssertEveryItemAtHomeAsync(bed, run);
        output.WriteLine($"max alive {run.MaxAlive}; retired-while-in-use seen {run.RetiredInUseSeen} times; {run.Stats}");
    }

    private static async Task<Run> RunAsync(TenantBed bed, string[] tenants, int capacity, int flows, int opsPerFlow, int holdMilliseconds)
    {
        // Every session the factory made and the pool has not disposed yet; its size peaks when a session is made, so
        // the factory measures it exactly there, and a sampler looks at it in between.
        var live = new ConcurrentDictionary<AwsSession, byte>();
        var gate = new Lock();
        var inUse = new ConcurrentDictionary<AwsSession, int>();
        var disposedInUse = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<Exception>();
        var written = new ConcurrentQueue<(string Tenant, string Id)>();
        var maxAlive = 0;
        var factory = bed.Factory();
        var pool = new SessionPool<string>(
            tenant =>
            {
                var session = factory(tenant);
                lock (gate)
                {
                    live.TryAdd(session, 0);
                    maxAlive = Math.Max(maxAlive, live.Count);
                }

                return session;
            },
            new SessionPoolOptions { Capacity = capacity });
        pool.SessionDisposed = session =>
        {
            live.TryRemove(session, out _);
            if (inUse.GetValueOrDefault(session) != 0)
            {
                disposedInUse.Enqueue(session.ToString());
            }
        };

        var runId = Guid.NewGuid().ToString("N")[..8];
        var samples = 0;
        var retiredInUse = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var alive = live.Keys.Where(s => !s.IsDisposed).ToList();
                lock (gate)
                {
                    maxAlive = Math.Max(maxAlive, alive.Count);
                }

                retiredInUse += alive.Count(s => s.IsRetired && s.Leases > 0);
                samples++;
                await Task.Delay(2);
            }
        });

        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CapDefault"));
        using (Sessions.UseEnvironment(BindingRoot.New(defaultSession)))
        {
            await Task.WhenAll(Enumerable.Range(0, flows).Select(flow => Task.Run(async () =>
            {
                var random = new Random(flow);
                for (var op = 0; op < opsPerFlow; op++)
                {
                    var tenant = tenants[random.Next(tenants.Length)];
                    var id = $"cap-{runId}-{flow}-{op}";
                    try
                    {
                        // The operation marks the session in use for its whole length, from inside the pool's own lease.
                        async Task<bool> Work(CancellationToken ct)
                        {
                            var session = Sessions.CurrentSession(TenantBed.Items);
                            inUse.AddOrUpdate(session, 1, (_, n) => n + 1);
                            try
                            {
                                await TenantBed.Items.SaveAsync(new TenantItem { Id = id, Tenant = tenant }, cancellationToken: ct);
                                if (holdMilliseconds > 0)
                                {
                                    await Task.Delay(holdMilliseconds, ct);
                                }

                                return await TenantBed.Items.GetAsync(id, cancellationToken: ct) is not null;
                            }
                            finally
                            {
                                inUse.AddOrUpdate(session, 0, (_, n) => n - 1);
                            }
                        }

                        bool found;
                        if (flow % 2 == 0)
                        {
                            using (pool.UseTenant(TenantBed.Items, tenant))
                            {
                                found = await Work(CancellationToken.None);
                            }
                        }
                        else
                        {
                            found = await Sessions.RunAsync(Pools.useTenant(pool, TenantBed.Items, tenant, Sessions.ToEffect(Work)));
                        }

                        Assert.True(found);
                        written.Enqueue((tenant, id));
                    }
                    catch (Exception ex)
                    {
                        failures.Enqueue(ex);
                    }
                }
            })));
        }

        pool.Dispose();
        await stop.CancelAsync();
        await sampler;
        return new Run(failures.ToList(), disposedInUse.ToList(), maxAlive, samples, retiredInUse, pool.Statistics, written.ToList());
    }

    private static async Task AssertEveryItemAtHomeAsync(TenantBed bed, Run run)
    {
        foreach (var group in run.Written.GroupBy(w => w.Tenant))
        {
            var ids = (await bed.ItemsOfAsync(group.Key)).Where(i => i["tenant"].S == group.Key).Select(i => i["id"].S).ToHashSet();
            Assert.All(group, w => Assert.Contains(w.Id, ids));
        }
    }

    private sealed record Run(
        List<Exception> Failures,
        List<string> DisposedInUse,
        int MaxAlive,
        int Samples,
        int RetiredInUseSeen,
        SessionPoolStatistics Stats,
        List<(string Tenant, string Id)> Written);
}

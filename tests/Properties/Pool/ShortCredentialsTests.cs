using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using Xunit;
using Xunit.Abstractions;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// Short-lived credentials with eviction: a background refresh is never disposed under, nor thrown into a task nobody
/// observes; the refresh margin scales down to the credentials' lifetime; a fetch waiting in backoff counts as in flight.
/// </summary>
[Collection(PoolLoadCollection.Name)]
public sealed class ShortCredentialsTests(ThousandTenants shared, ITestOutputHelper output)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_thousand_tenants_over_a_pool_of_100_with_4_second_credentials_leave_no_unobserved_exception()
    {
        const int Flows = 32;
        var load = TimeSpan.FromSeconds(20);
        var unobserved = new ConcurrentQueue<Exception>();
        void Count(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            // Only what comes from sessions and credentials: other test classes may run meanwhile.
            if (e.Exception.InnerExceptions.Any(x => x is ObjectDisposedException || x.GetType().Namespace?.StartsWith("Amazon", StringComparison.Ordinal) == true))
            {
                unobserved.Enqueue(e.Exception);
            }
        }

        TaskScheduler.UnobservedTaskException += Count;
        try
        {
            await using var bed = await TenantBed.StartAsync(Lifetime, prefix: shared.Prefix);

            // A refresh that takes a while, as a real STS call does, so that evictions meet refreshes in flight.
            bed.Sts.AssumeRoleLatency = TimeSpan.FromMilliseconds(50);
            using var pool = new SessionPool<string>(bed.Factory(), new SessionPoolOptions { Capacity = 100, HandOutGrace = TimeSpan.Zero, MaxConcurrentAssumeRoles = 64 });
            using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("UnobservedDefault"));
            using var environment = Sessions.UseEnvironment(BindingRoot.New(defaultSession));
            var failures = new ConcurrentQueue<Exception>();
            var operations = 0;
            var clock = Stopwatch.StartNew();
            var collector = Task.Run(async () =>
            {
                while (clock.Elapsed < load)
                {
                    await Task.Delay(500);
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
            });
            await Task.WhenAll(Enumerable.Range(0, Flows).Select(flow => Task.Run(async () =>
            {
                var random = new Random(flow);
                for (var i = 0; clock.Elapsed < load; i++)
                {
                    // Most requests go to a hot set that refreshes; the rest sweep all 1,000 tenants and force evictions.
                    var tenant = shared.Tenants[random.Next(4) == 0 ? random.Next(ThousandTenants.Count) : random.Next(60)];
                    try
                    {
                        await using (await pool.UseTenantAsync(TenantBed.Items, tenant))
                        {
                            await TenantBed.Items.SaveAsync(new TenantItem { Id = $"short-{flow}-{i % 20}", Tenant = tenant });
                        }

                        Interlocked.Increment(ref operations);
                    }
                    catch (Exception ex)
                    {
                        failures.Enqueue(ex);
                    }
                }
            })));
            await collector;
            var stats = pool.Statistics;
            pool.Dispose();
            await Task.Delay(Lifetime);
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.Empty(failures);
            Assert.True(stats.Evictions > 0, "the test must evict to mean anything");
            Assert.True(stats.AssumeRoleCalls > stats.Misses, "the test must refresh to mean anything");
            Assert.Empty(unobserved);
            output.WriteLine($"{operations} operations in {load.TotalSeconds:0} s; {unobserved.Count} unobserved exceptions; {stats}");
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Count;
        }
    }

    [Fact]
    public async Task A_session_disposed_while_its_background_refresh_runs_leaves_no_unobserved_exception()
    {
        var unobserved = 0;
        void Count(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerExceptions.Any(x => x is ObjectDisposedException && x.StackTrace?.Contains("RefreshingAWSCredentials", StringComparison.Ordinal) == true))
            {
                Interlocked.Increment(ref unobserved);
            }
        }

        TaskScheduler.UnobservedTaskException += Count;
        try
        {
            await using var bed = await TenantBed.StartAsync(Lifetime, prefix: shared.Prefix);
            bed.Sts.AssumeRoleLatency = TimeSpan.FromMilliseconds(400);
            var session = bed.Source.AssumeRole(TenantBed.OptionsFor(shared.Tenants[992]));
            var credentials = session.SdkCredentials;
            await credentials.GetCredentialsAsync();

            // 4-second credentials: the SDK's expiry is 3.6 s away, the margin a third of the life (1.33 s) before it.
            await Task.Delay(TimeSpan.FromSeconds(2.6));
            await credentials.GetCredentialsAsync(); // starts the background refresh (400 ms at STS)
            session.Dispose();                       // while it runs
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.Equal(2, bed.AssumeRoles().Count);
            Assert.Equal(0, Volatile.Read(ref unobserved));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Count;
        }
    }

    [Fact]
    public async Task The_default_refresh_margin_scales_to_4_second_credentials_so_requests_do_not_refresh_each_time()
    {
        const int Tenants = 4;
        var load = TimeSpan.FromSeconds(8);
        await using var bed = await TenantBed.StartAsync(Lifetime, prefix: shared.Prefix);
        using var pool = new SessionPool<string>(bed.Factory(), new SessionPoolOptions { Capacity = Tenants });
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("MarginDefault"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(defaultSession));
        var tenants = shared.Tenants.Skip(980).Take(Tenants).ToArray();
        var operations = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(flow => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < load; i++)
            {
                var tenant = tenants[(flow + i) % Tenants];
                await using (await pool.UseTenantAsync(TenantBed.Items, tenant))
                {
                    await TenantBed.Items.SaveAsync(new TenantItem { Id = $"margin-{flow}", Tenant = tenant });
                }

                Interlocked.Increment(ref operations);
            }
        })));

        foreach (var tenant in tenants)
        {
            var calls = bed.AssumeRoles().Count(r => r.Tags["tenant"] == tenant);

            // 4-second credentials refreshed a third of their life ahead: a fetch about every 2.3 s, so 3 to 5 in 8 s.
            // With the unscaled 5-minute margin every request would be "about to expire" and start one: dozens.
            Assert.InRange(calls, 2, 8);
        }

        var session = pool.Get(tenants[0]);
        Assert.True(((AssumedRoleCredentials)session.SdkCredentials).PreemptExpiryTime <= TimeSpan.FromSeconds(4.0 / 3));
        output.WriteLine($"{operations} operations; AssumeRole calls per tenant: {string.Join(", ", tenants.Select(t => bed.AssumeRoles().Count(r => r.Tags["tenant"] == t)))}");
    }

    [Fact]
    public async Task A_fetch_waiting_in_backoff_counts_as_in_flight()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        bed.Sts.ThrottleAssumeRole(1.0);
        using var pool = new SessionPool<string>(bed.Factory(), new SessionPoolOptions
        {
            Capacity = 4,
            AssumeRoleAttempts = 2,
            RetryBaseDelay = TimeSpan.FromSeconds(6),
            RetryMaxDelay = TimeSpan.FromSeconds(6),
        });
        var fetch = pool.GetAsync(shared.Tenants[990]);
        var clock = Stopwatch.StartNew();
        while (pool.Statistics.AssumeRoleRetries == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        // The backoff is 3 to 6 s: the fetch holds its slot all that time and must be counted.
        var during = pool.Statistics;
        Assert.Equal(1, during.AssumeRoleRetries);
        Assert.Equal(1, during.AssumeRolesInFlight);
        await Assert.ThrowsAnyAsync<Exception>(() => fetch);
        Assert.Equal(0, pool.Statistics.AssumeRolesInFlight);
    }

    [Fact]
    public async Task A_session_outside_a_pool_retries_as_its_options_say()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        bed.Sts.ThrottleAssumeRole(1.0);
        using var session = bed.Source.AssumeRole(TenantBed.OptionsFor(shared.Tenants[991]) with
        {
            Attempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(2),
        });
        await Assert.ThrowsAnyAsync<Exception>(() => session.SdkCredentials.GetCredentialsAsync());
        Assert.Equal(3, bed.AssumeRoles().Count);
        Assert.Throws<SessionConfigurationException>(() => bed.Source.AssumeRole(TenantBed.OptionsFor("x") with { Attempts = 0 }));
        Assert.Throws<SessionConfigurationException>(() => bed.Source.AssumeRole(TenantBed.OptionsFor("x") with { RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(1) }));
    }
}

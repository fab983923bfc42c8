using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using Xunit;
using Xunit.Abstractions;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// STS friendliness: with STS answering <c>Throttling</c> to a fifth of the calls, every flow still succeeds (retries
/// with backoff), and the pool never has more AssumeRole calls in flight than it allows — measured by the STS double,
/// with an answer latency so that calls overlap whenever the client lets them.
/// </summary>
[Collection(PoolLoadCollection.Name)]
public sealed class ThrottlingTests(ThousandTenants shared, ITestOutputHelper output)
{
    private const int Limit = 3;

    [Fact]
    public async Task With_a_fifth_of_AssumeRole_calls_throttled_every_flow_succeeds_and_at_most_N_calls_are_in_flight()
    {
        const int Tenants = 200;
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        bed.Sts.ThrottleAssumeRole(0.2, seed: 15);
        bed.Sts.AssumeRoleLatency = TimeSpan.FromMilliseconds(10);
        using var pool = new SessionPool<string>(bed.Factory(), new SessionPoolOptions
        {
            Capacity = Tenants,
            MaxConcurrentAssumeRoles = Limit,
            AssumeRoleAttempts = 10,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        });
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ThrottleDefault"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(defaultSession));
        var tenants = shared.Tenants.Skip(100).Take(Tenants).ToArray();
        var failures = new ConcurrentQueue<Exception>();
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(flow => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Tenants * 2; i = Interlocked.Increment(ref next))
            {
                var tenant = tenants[i / 2];
                try
                {
                    if (i % 2 == 0)
                    {
                        await pool.GetAsync(tenant);
                    }

                    using (pool.UseTenant(TenantBed.Items, tenant))
                    {
                        await TenantBed.Items.SaveAsync(new TenantItem { Id = $"throttle-{i}", Tenant = tenant });
                    }
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            }
        })));

        Assert.Empty(failures);
        var stats = pool.Statistics;
        var calls = bed.AssumeRoles().Count;
        Assert.True(bed.Sts.ThrottledAssumeRoles > 10, $"only {bed.Sts.ThrottledAssumeRoles} throttled answers: the fault was not injected");
        Assert.Equal(Tenants + bed.Sts.ThrottledAssumeRoles, calls);
        Assert.Equal(calls, stats.AssumeRoleCalls);
        Assert.Equal(bed.Sts.ThrottledAssumeRoles, stats.AssumeRoleRetries);
        Assert.Equal(0, stats.AssumeRoleFailures);
        Assert.InRange(bed.Sts.AssumeRoleInFlightHighWater, 1, Limit);
        output.WriteLine($"{calls} AssumeRole calls, {bed.Sts.ThrottledAssumeRoles} throttled, high-water {bed.Sts.AssumeRoleInFlightHighWater}; {stats}");
    }

    [Fact]
    public async Task Without_the_limit_the_same_first_uses_overlap_far_more_which_is_what_the_high_water_mark_would_show()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        bed.Sts.AssumeRoleLatency = TimeSpan.FromMilliseconds(100);
        using var pool = new SessionPool<string>(bed.Factory(), new SessionPoolOptions { Capacity = 64, MaxConcurrentAssumeRoles = 64 });

        await Task.WhenAll(shared.Tenants.Skip(300).Take(32).Select(t => Task.Run(() => pool.GetAsync(t))));

        Assert.True(bed.Sts.AssumeRoleInFlightHighWater > Limit, $"high-water {bed.Sts.AssumeRoleInFlightHighWater}: the measurement cannot see overlap");
    }

    [Fact]
    public async Task A_fetch_that_is_throttled_on_every_attempt_fails_with_STSs_error_and_the_next_request_tries_again()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        bed.Sts.ThrottleAssumeRole(1.0);
        using var pool = new SessionPool<string>(bed.Factory(), new SessionPoolOptions
        {
            AssumeRoleAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        });
        var tenant = shared.Tenants[400];

        var refused = await Assert.ThrowsAnyAsync<Amazon.SecurityToken.AmazonSecurityTokenServiceException>(() => pool.GetAsync(tenant));
        Assert.Equal("Throttling", refused.ErrorCode);
        Assert.Contains(TenantBed.RoleArn, refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, bed.AssumeRoles().Count);
        Assert.Equal(1, pool.Statistics.AssumeRoleFailures);

        bed.Sts.ThrottleAssumeRole(0);
        var session = await pool.GetAsync(tenant);
        Assert.NotNull(session.Expiration);
        Assert.Equal(4, bed.AssumeRoles().Count);
    }
}

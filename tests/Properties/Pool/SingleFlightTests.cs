using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using Xunit;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// Single-flight: 64 concurrent first requests for one tenant make one factory call and one AssumeRole call, whichever
/// way they come in. AssumeRole is lazy (credentials are fetched by the first request), so the proof is the STS
/// double's request count, with an answer latency that makes the 64 requests overlap the fetch.
/// </summary>
public sealed class SingleFlightTests
{
    private const int Concurrent = 64;

    [Fact]
    public Task Sixty_four_concurrent_first_GetAsync_calls_make_one_AssumeRole_call() =>
        AssertOneAssumeRoleAsync((pool, tenant, _) => pool.GetAsync(tenant));

    [Fact]
    public Task Sixty_four_concurrent_first_UseTenant_scopes_writing_make_one_AssumeRole_call() =>
        AssertOneAssumeRoleAsync(async (pool, tenant, i) =>
        {
            using (pool.UseTenant(TenantBed.Items, tenant))
            {
                await TenantBed.Items.SaveAsync(new TenantItem { Id = $"sf-{i}", Tenant = tenant });
            }
        });

    [Fact]
    public Task Sixty_four_concurrent_first_core_useTenant_effects_make_one_AssumeRole_call() =>
        AssertOneAssumeRoleAsync((pool, tenant, i) =>
            Sessions.RunAsync(Pools.useTenant(pool, TenantBed.Items, tenant, Dynamo.save(TenantBed.Items, new TenantItem { Id = $"sf-{i}", Tenant = tenant }))));

    private static async Task AssertOneAssumeRoleAsync(Func<SessionPool<string>, string, int, Task> firstUse)
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1));
        bed.Sts.AssumeRoleLatency = TimeSpan.FromMilliseconds(200);
        const string tenant = "single";
        await bed.CreateTablesAsync([tenant]);
        var factoryCalls = 0;
        var factory = bed.Factory();
        using var pool = new SessionPool<string>(t =>
        {
            Interlocked.Increment(ref factoryCalls);
            return factory(t);
        });
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("SingleDefault"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(defaultSession));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var uses = Enumerable.Range(0, Concurrent).Select(i => Task.Run(async () =>
        {
            await start.Task;
            await firstUse(pool, tenant, i);
        })).ToList();
        start.SetResult();
        await Task.WhenAll(uses);

        Assert.Equal(1, factoryCalls);
        Assert.Single(bed.AssumeRoles());
        Assert.Equal(1, pool.Statistics.AssumeRoleCalls);
    }
}

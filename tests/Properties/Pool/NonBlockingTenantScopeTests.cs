using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using Xunit;
using Xunit.Abstractions;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// Issue #31's starvation proof: a burst of first requests for new tenants, each waiting for an STS double that answers
/// after 200 ms, through every way in — the recommended <c>UseTenantAsync</c>, the core's <c>useTenant</c>, the old
/// synchronous <c>UseTenant</c>, and the session's own SDK client used directly (as code that resolves
/// <c>IAmazonDynamoDB</c> does). The witness of a blocked thread is the credentials' own count of fetches on the SDK's
/// synchronous path (each one holds a thread for the whole STS call): it must stay 0. The thread pool's queueing delay
/// is measured by a probe and reported, not asserted.
/// </summary>
[Collection(PoolLoadCollection.Name)]
public sealed class NonBlockingTenantScopeTests(ThousandTenants shared, ITestOutputHelper output)
{
    private const int Requests = 200;
    private static readonly TimeSpan StsLatency = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData("UseTenantAsync", 0)]
    [InlineData("core", 1)]
    [InlineData("UseTenant", 2)]
    [InlineData("raw client", 3)]
    public async Task A_burst_of_first_requests_for_new_tenants_never_fetches_credentials_on_a_blocked_thread(string way, int slice)
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        bed.Sts.AssumeRoleLatency = StsLatency;
        var made = new ConcurrentBag<AwsSession>();
        var factory = bed.Factory();
        using var pool = new SessionPool<string>(
            tenant =>
            {
                var session = factory(tenant);
                made.Add(session);
                return session;
            },
            new SessionPoolOptions { Capacity = ThousandTenants.Count, MaxConcurrentAssumeRoles = 64 });
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("StarveDefault"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(defaultSession));
        var tenants = shared.Tenants.Skip(slice * Requests).Take(Requests).ToArray();
        var id = $"burst-{Guid.NewGuid():N}";

        using var probe = new QueueDelayProbe();
        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentQueue<Exception>();
        await Task.WhenAll(tenants.Select(tenant => Task.Run(async () =>
        {
            try
            {
                await WriteAsync(pool, way, tenant, new TenantItem { Id = id, Tenant = tenant });
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })));
        var took = clock.Elapsed;

        Assert.Empty(failures);
        var synchronous = made.Sum(s => ((AssumedRoleCredentials)s.SdkCredentials).SynchronousFetches);
        Assert.Equal(0, synchronous);
        Assert.Equal(Requests, bed.AssumeRoles().Count);
        foreach (var tenant in tenants)
        {
            var items = await bed.ItemsOfAsync(tenant);
            Assert.Single(items, i => i["id"].S == id && i["tenant"].S == tenant);
        }

        Assert.Same(defaultSession, Sessions.CurrentSession(TenantBed.Items));
        output.WriteLine(
            $"{way}: {Requests} first requests in {took.TotalSeconds:0.00} s (ideal {Requests * StsLatency.TotalSeconds / 64:0.00} s at 64 STS calls at once); " +
            $"synchronous fetches {synchronous}; worst thread-pool queue delay {probe.Worst.TotalMilliseconds:0} ms; {pool.Statistics}");
    }

    [Fact]
    public async Task The_scope_from_UseTenantAsync_is_seen_after_the_await_and_gone_after_disposal()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: shared.Prefix);
        using var pool = new SessionPool<string>(bed.Factory(), new SessionPoolOptions { Capacity = 4 });
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ScopeDefault"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(defaultSession));
        var tenant = shared.Tenants[950];

        await using (var scope = await pool.UseTenantAsync(TenantBed.Items, tenant))
        {
            Assert.True(scope.IsActive);
            Assert.Same(pool.Get(tenant), Sessions.CurrentSession(TenantBed.Items));
            Assert.Equal(1, pool.Get(tenant).Leases);
            await TenantBed.Items.SaveAsync(new TenantItem { Id = "async-scope", Tenant = tenant });
        }

        Assert.Same(defaultSession, Sessions.CurrentSession(TenantBed.Items));
        Assert.Equal(0, pool.Get(tenant).Leases);
        Assert.Contains(await bed.ItemsOfAsync(tenant), i => i["id"].S == "async-scope");
        Assert.False(await TenantBed.Items.ExistsAsync(), "nothing may reach the default account");

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var never = await pool.UseTenantAsync(TenantBed.Items, shared.Tenants[951], cancelled.Token);
        });
        Assert.Same(defaultSession, Sessions.CurrentSession(TenantBed.Items));
    }

    /// <summary>Four ways in: the recommended async scope, the core effect, the synchronous scope, and the SDK client directly.</summary>
    private static async Task WriteAsync(SessionPool<string> pool, string way, string tenant, TenantItem item)
    {
        switch (way)
        {
            case "UseTenantAsync":
                await using (await pool.UseTenantAsync(TenantBed.Items, tenant))
                {
                    await TenantBed.Items.SaveAsync(item);
                }

                break;
            case "core":
                await Sessions.RunAsync(Pools.useTenant(pool, TenantBed.Items, tenant, Dynamo.save(TenantBed.Items, item)));
                break;
            case "UseTenant":
                using (pool.UseTenant(TenantBed.Items, tenant))
                {
                    await TenantBed.Items.SaveAsync(item);
                }

                break;
            default:
                await pool.Get(tenant).DynamoDB.PutItemAsync(new PutItemRequest
                {
                    TableName = "tenant_items",
                    Item = new Dictionary<string, AttributeValue> { ["id"] = new(item.Id), ["tenant"] = new(item.Tenant) },
                });
                break;
        }
    }
}

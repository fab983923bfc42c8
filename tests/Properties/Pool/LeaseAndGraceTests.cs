using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LanguageExt;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// When an evicted session is disposed, step by step on a clock the test moves: never while a scope, an operation or
/// a stream holds it, never within the grace period after a plain <c>Get</c> handed it out, and at once otherwise.
/// Also the recency order, <c>Remove</c>, disposal of the pool, and that a cached <c>Get</c> allocates nothing.
/// </summary>
public sealed class LeaseAndGraceTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly FakeClock clock = new();
    private readonly List<string> made = [];

    private SessionPool<string> Pool(int capacity) => new(
        key =>
        {
            made.Add(key);
            return AwsSession.FromKeys($"Lease{key}Key00000", "secret", "us-east-1").WithEndpoint("http://127.0.0.1:9");
        },
        new SessionPoolOptions { Capacity = capacity, HandOutGrace = Grace, TimeProvider = clock });

    [Fact]
    public void The_least_recently_used_tenant_is_evicted()
    {
        using var pool = Pool(2);
        pool.Get("a");
        pool.Get("b");
        pool.Get("a");
        pool.Get("c");

        pool.Get("a");
        pool.Get("b");

        Assert.Equal(["a", "b", "c", "b"], made);
        var stats = pool.Statistics;
        Assert.Equal((2, 2, 4, 2), (stats.Count, stats.Hits, stats.Misses, stats.Evictions));
    }

    [Fact]
    public void A_session_handed_out_by_Get_survives_eviction_for_the_grace_period_and_then_any_scope_that_holds_it()
    {
        using var pool = Pool(1);
        var a = pool.Get("a");
        pool.Get("b");
        Assert.False(a.IsRetired || a.IsDisposed);

        var scope = Sessions.UseSession(Users, a);
        clock.Advance(Grace);
        pool.Sweep();
        Assert.True(a.IsRetired);
        Assert.False(a.IsDisposed);

        scope.Dispose();
        Assert.True(a.IsDisposed);
        Assert.Equal(1, pool.Statistics.Disposed);
    }

    [Fact]
    public void A_session_handed_out_by_Get_longer_ago_than_the_grace_period_is_disposed_when_evicted_and_a_late_use_fails_clearly()
    {
        using var pool = Pool(1);
        var a = pool.Get("a");
        clock.Advance(Grace);
        pool.Get("b");

        Assert.True(a.IsDisposed);
        var late = Assert.Throws<ObjectDisposedException>(() => Sessions.UseSession(Users, a));
        Assert.Contains("evicted", late.Message, StringComparison.Ordinal);
        Assert.Contains("UseTenant", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UseTenant_scope_holds_its_session_through_eviction_and_no_grace_period_is_needed_after_it()
    {
        using var pool = Pool(1);
        var scope = pool.UseTenant(Users, "a");
        var a = Sessions.CurrentSession(Users);

        pool.Get("b");
        Assert.True(a.IsRetired);
        Assert.Equal(1, a.Leases);
        Assert.False(a.IsDisposed);

        scope.Dispose();
        Assert.True(a.IsDisposed);
        Assert.Same(pool.Get("b"), pool.Get("b"));
    }

    [Fact]
    public async Task The_core_useTenant_holds_its_session_for_the_whole_body()
    {
        using var pool = Pool(1);
        var body =
            from a in Scope.currentSession(Users)
            from b in Pools.pooledSession(pool, "b")
            select (a, EvictedButAlive: a.IsRetired && !a.IsDisposed, Different: !ReferenceEquals(a, b));

        var (session, evictedButAlive, different) = await Sessions.RunAsync(Pools.useTenant(pool, Users, "a", body));

        Assert.True(evictedButAlive);
        Assert.True(different);
        Assert.True(session.IsDisposed);
    }

    [Fact]
    public async Task A_stream_keeps_its_session_until_its_enumeration_ends_even_after_the_scope_that_made_it()
    {
        var endpoint = await LocalDynamo.EndpointAsync();
        var keys = new Dictionary<string, string> { ["a"] = LocalDynamo.NewAccessKey("StreamA"), ["b"] = LocalDynamo.NewAccessKey("StreamB") };
        using var pool = new SessionPool<string>(k => AwsSession.FromKeys(keys[k], "secret", "us-east-1").WithEndpoint(endpoint), new SessionPoolOptions { Capacity = 1 });
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("StreamDefault"));
        var env = SessionEnv.New(defaultSession);
        await Run.Value(Pools.useTenant(pool, Users, "a", createTable(Users).Bind(_ => batchSave(Users, Enumerable.Range(0, 3).Select(i => new User { Id = $"u{i}" })))), env);

        var (a, stream) = await Run.Value(Pools.useTenant(pool, Users, "a", from session in Scope.currentSession(Users) from items in scanStream(Users) select (session, items)), env);
        await Run.Value(Pools.useTenant(pool, Users, "b", Scope.currentSession(Users)), env);

        Assert.True(a.IsRetired);
        Assert.Equal(1, a.Leases);
        var read = new List<string>();
        await foreach (var user in stream)
        {
            read.Add(user.Id);
        }

        Assert.Equal(["u0", "u1", "u2"], read.Order(StringComparer.Ordinal));
        Assert.True(a.IsDisposed);
    }

    [Fact]
    public void Remove_evicts_a_tenant_and_the_next_request_makes_a_new_session()
    {
        using var pool = Pool(4);
        var scope = pool.UseTenant(Users, "a");
        var a = Sessions.CurrentSession(Users);

        Assert.True(pool.Remove("a"));
        Assert.False(pool.Remove("a"));
        Assert.False(a.IsDisposed);
        Assert.NotSame(a, pool.Get("a"));

        scope.Dispose();
        Assert.True(a.IsDisposed);
    }

    [Fact]
    public void Disposing_the_pool_disposes_idle_sessions_now_and_sessions_in_use_when_they_are_released()
    {
        var pool = Pool(4);
        var idle = pool.Get("idle");
        clock.Advance(Grace);
        var scope = pool.UseTenant(Users, "busy");
        var busy = Sessions.CurrentSession(Users);

        pool.Dispose();
        Assert.True(idle.IsDisposed);
        Assert.False(busy.IsDisposed);

        scope.Dispose();
        Assert.True(busy.IsDisposed);
        Assert.Equal(2, pool.Statistics.Disposed);
    }

    [Fact]
    public async Task A_stream_dropped_without_being_enumerated_does_not_keep_an_evicted_session_alive()
    {
        using var pool = Pool(1);
        var a = pool.Get("a");
        await MakeAndDropStream(pool);
        clock.Advance(Grace);
        pool.Get("b");
        Assert.True(a.IsRetired);
        Assert.False(a.IsDisposed); // the stream's lease, until the stream is collected

        for (var i = 0; i < 10 && !a.IsDisposed; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(a.IsDisposed);
    }

    [Fact]
    public async Task A_cached_Get_and_a_cached_GetAsync_allocate_nothing()
    {
        using var pool = Pool(16);
        for (var i = 0; i < 16; i++)
        {
            pool.Get($"t{i}");
            await pool.GetAsync($"t{i}");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            pool.Get("t7");
            _ = pool.GetAsync("t9");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Makes a stream through tenant "a" and lets go of it (not inlined, so no local keeps it reachable).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task MakeAndDropStream(SessionPool<string> pool)
    {
        using var defaultSession = AwsSession.FromKeys("LeaseDefaultKey0000", "secret", "us-east-1").WithEndpoint("http://127.0.0.1:9");
        var env = SessionEnv.New(defaultSession);
        var stream = await Run.Value(Pools.useTenant(pool, Users, "a", scanStream(Users)), env);
        Assert.NotNull(stream);
        env.CancellationTokenSource.Dispose();
    }
}

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// Bad input: a null key, a factory that throws, returns null, returns a session a pool already owns or asks for its
/// own key — each a clear error naming the key (masked when it looks like a secret), the pool left as it was, and the
/// next request trying again. No request is sent: the sessions point nowhere.
/// </summary>
public sealed class PoolBadInputTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    private static AwsSession Nowhere(string key) => AwsSession.FromKeys("Key" + key.GetHashCode(StringComparison.Ordinal).ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + "0000", "secret", "us-east-1").WithEndpoint("http://127.0.0.1:9");

    [Fact]
    public async Task A_null_key_is_refused_everywhere_with_ArgumentNullException()
    {
        using var pool = new SessionPool<string>(Nowhere);

        Assert.Throws<ArgumentNullException>(() => pool.Get(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => pool.GetAsync(null!));
        Assert.Throws<ArgumentNullException>(() => pool.Remove(null!));
        Assert.Throws<ArgumentNullException>(() => pool.UseTenant(Users, null!));
        Assert.Throws<ArgumentNullException>(() => Pools.useTenant(pool, Users, null!, Scope.currentSession(Users)));
        Assert.Throws<ArgumentNullException>(() => Pools.pooledSession(pool, null!));
        Assert.Throws<ArgumentNullException>(() => new SessionPool<string>(null!));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void A_factory_that_throws_names_the_key_keeps_the_cause_changes_nothing_and_is_called_again_next_time()
    {
        var calls = 0;
        var cause = new InvalidOperationException("tenant directory unavailable");
        using var pool = new SessionPool<string>(key => Interlocked.Increment(ref calls) == 1 ? throw cause : Nowhere(key));

        var failed = Assert.Throws<SessionPoolException>(() => pool.Get("tenant-7"));

        Assert.Contains("'tenant-7'", failed.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), failed.Message, StringComparison.Ordinal);
        Assert.Same(cause, failed.InnerException);
        Assert.Equal(0, pool.Count);
        Assert.Equal(1, pool.Statistics.FactoryFailures);

        var session = pool.Get("tenant-7");
        Assert.Equal(2, calls);
        Assert.Same(session, pool.Get("tenant-7"));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task A_factory_that_returns_null_names_the_key_and_changes_nothing()
    {
        var calls = 0;
        using var pool = new SessionPool<string>(key => Interlocked.Increment(ref calls) == 1 ? null! : Nowhere(key));

        var failed = await Assert.ThrowsAsync<SessionPoolException>(() => pool.GetAsync("tenant-8"));

        Assert.Contains("returned null for key 'tenant-8'", failed.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.Count);
        Assert.NotNull(await pool.GetAsync("tenant-8"));
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "AKIA****MPLE")]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJal****EKEY")]
    public void A_key_that_looks_like_a_secret_is_masked_in_the_error(string key, string masked)
    {
        using var pool = new SessionPool<string>(_ => throw new InvalidOperationException("no"));

        var failed = Assert.Throws<SessionPoolException>(() => pool.Get(key));

        Assert.Contains(masked, failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_factory_must_return_a_new_session_per_key()
    {
        var shared = Nowhere("shared");
        using var pool = new SessionPool<string>(_ => shared);
        Assert.Same(shared, pool.Get("a"));

        var failed = Assert.Throws<SessionPoolException>(() => pool.Get("b"));

        Assert.Contains("already owns for key 'b'", failed.Message, StringComparison.Ordinal);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public async Task A_factory_that_asks_the_pool_for_its_own_key_fails_instead_of_waiting_for_itself()
    {
        SessionPool<string>? pool = null;
        pool = new SessionPool<string>(key => pool!.Get(key));
        using (pool)
        {
            var failed = await Task.Run(() => Assert.Throws<SessionPoolException>(() => pool.Get("loop"))).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Contains("same key", failed.InnerException?.Message ?? failed.Message, StringComparison.Ordinal);
            Assert.Equal(0, pool.Count);
        }
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_failing_factory_call_and_the_next_request_tries_again()
    {
        var calls = 0;
        using var release = new ManualResetEventSlim();
        using var pool = new SessionPool<string>(key =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                release.Wait(TimeSpan.FromSeconds(30));
                throw new InvalidOperationException("first call fails");
            }

            return Nowhere(key);
        });

        var all = Enumerable.Range(0, 16).Select(_ => Task.Run(() => pool.GetAsync("t"))).ToList();

        // Release the factory only once the other 15 are waiting for it (each joined the entry being made: a hit).
        for (var waited = 0; pool.Statistics.Hits < 15 && waited < 600; waited++)
        {
            await Task.Delay(50);
        }

        release.Set();
        var results = await Task.WhenAll(all.Select(async t => await Record.ExceptionAsync(() => t)));

        Assert.All(results, e => Assert.IsType<SessionPoolException>(e));
        Assert.Equal(1, calls);
        Assert.NotNull(pool.Get("t"));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_the_pool_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionPool<string>(Nowhere, new SessionPoolOptions { Capacity = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionPool<string>(Nowhere, new SessionPoolOptions { MaxConcurrentAssumeRoles = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionPool<string>(Nowhere, new SessionPoolOptions { AssumeRoleAttempts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionPool<string>(Nowhere, new SessionPoolOptions { RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionPool<string>(Nowhere, new SessionPoolOptions { HandOutGrace = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public async Task A_disposed_pool_refuses_requests_and_a_pooled_session_ignores_Dispose_from_outside()
    {
        var pool = new SessionPool<string>(Nowhere);
        var session = pool.Get("a");

        session.Dispose();
        Assert.False(session.IsDisposed);

        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Get("a"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.GetAsync("b"));
        Assert.True(session.IsDisposed);
    }
}

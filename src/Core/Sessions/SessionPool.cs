using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// One session per tenant for a process that serves many: <see cref="Get"/> returns the tenant's
/// <see cref="AwsSession"/>, made on first use by a factory (typically
/// <c>source.AssumeRole(options with the tenant's tags and session policy)</c>) and cached, so every request of a
/// tenant shares one client and one set of refreshing credentials. The pool owns the sessions it makes.
/// </summary>
/// <typeparam name="TKey">The tenant key (compared with the pool's equality comparer).</typeparam>
/// <remarks>
/// <para><b>Bounded.</b> At most <see cref="SessionPoolOptions.Capacity"/> tenants are cached; beyond it the least
/// recently used tenant is evicted, preferring one that nothing is using. The recency list is hand-written (an
/// intrusive doubly linked list under one lock) rather than <c>Microsoft.Extensions.Caching.Memory</c>, which has no
/// strict count bound, no single-flight creation and no notion of "in use". A cache hit allocates nothing.</para>
/// <para><b>Never disposed under a request.</b> Every use of a session leases it: each table operation (for its
/// duration), each stream (until its enumeration ends), each facade restore scope and <c>UseTenant</c> scope, and
/// <c>Pools.useTenant</c> (for the whole scope). An evicted session is only <i>retired</i>; it is disposed when its last
/// lease is given back, and a lease can no longer be taken once it is disposed — one atomic state decides between the
/// two, so neither can slip between the other's check and act. Scopes and <c>Pools.useTenant</c> take their lease under
/// the pool's lock, in the same step as the lookup, so nothing can evict in between. A session handed out by
/// <see cref="Get"/> or <see cref="GetAsync"/> is not leased yet; for the moment until its first use it is protected
/// by a grace period (<see cref="SessionPoolOptions.HandOutGrace"/>): an evicted session handed out less than that
/// long ago is disposed only after the grace period has passed <i>and</i> its leases are gone. Lease-on-Get was the
/// alternative, but a plain <c>Get</c> has no end at which to give the lease back. So: use a leasing form per request
/// (the facade's <c>await pool.UseTenantAsync(table, key, ct)</c>, the core's <c>Pools.useTenant</c>), or take a
/// session right where it is used (<c>Sessions.UseSession(table, pool.Get(key))</c> leases at once). Do not keep a
/// pooled session bound for good (<c>restoreOnExit: false</c>, a default session): nothing would lease it between
/// operations, and once evicted it would be disposed.</para>
/// <para><b>The bound and the guarantee.</b> A session that is leased or within its grace period is never disposed, so
/// when every cached session is busy, evicting the oldest one leaves it alive until it is idle: the number of live
/// sessions exceeds the capacity only by sessions still in use (or handed out within the grace period). With the
/// leasing forms and fewer concurrent users than the capacity, it never exceeds the capacity.</para>
/// <para><b>Single-flight.</b> Concurrent first requests for one tenant run the factory once; the others wait for it.
/// <see cref="GetAsync"/> also fetches the credentials once for all of them (the SDK's refreshing credentials serialise
/// the fetch for the other forms too), so 64 concurrent first requests make one AssumeRole call.</para>
/// <para><b>Friendly to STS.</b> The pool's sessions send AssumeRole (first fetch, warm-up and every refresh) through
/// one gate: at most <see cref="SessionPoolOptions.MaxConcurrentAssumeRoles"/> in flight, and throttling or transient
/// failures retried with capped exponential backoff and jitter. Credentials are refreshed by the SDK in the background
/// within the margin <see cref="AssumeRoleOptions.RefreshBeforeExpiry"/>, so callers do not wait while they are still
/// valid.</para>
/// <para><b>No blocked threads.</b> Nothing here waits for STS on a thread: <see cref="GetAsync"/>, the leasing forms
/// and every request fetch credentials on the async path (a session's DynamoDB client does so before the SDK's endpoint
/// resolver, which would ask for them synchronously). <see cref="Get"/> is synchronous but does no I/O of its own: it
/// runs the factory on the calling thread (keep the factory free of I/O) and, when another request is running the
/// factory for the same key, waits for that call.</para>
/// <para><b>Bad input</b> (a null key, a factory that throws or returns null) fails with a clear error naming the key —
/// masked when it looks like a secret — leaves the pool as it was, and the next request tries again.</para>
/// </remarks>
public sealed partial class SessionPool<TKey> : IDisposable, IObservedPool
    where TKey : notnull
{
    private readonly Func<TKey, AwsSession> factory;
    private readonly RecencyList<TKey, SessionPoolEntry<TKey>> entries;
    private readonly HandOutGrace grace;
    private readonly Lock gate = new();
    private readonly AssumeRoleGate assumeRoles;
    private readonly TimeProvider time;
    private readonly Action<AwsSession> onDisposal;
    private long hits;
    private long misses;
    private long evictions;
    private long created;
    private long disposedSessions;
    private long factoryFailures;
    private bool disposed;

    /// <summary>Creates an empty pool.</summary>
    /// <param name="factory">
    /// Makes the session of a tenant on its first use; must return a <em>new</em> session each time (the pool owns and
    /// disposes it), typically <c>key =&gt; source.AssumeRole(options with { Tags = …, Policy = … })</c>.
    /// </param>
    /// <param name="options">Capacity, STS concurrency and retries, grace period; the defaults when null.</param>
    /// <param name="comparer">How keys compare; the default comparer of <typeparamref name="TKey"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (a capacity below 1, say).</exception>
    public SessionPool(Func<TKey, AwsSession> factory, SessionPoolOptions? options = null, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        options ??= new SessionPoolOptions();
        options.Validate();
        this.factory = factory;
        time = options.TimeProvider;
        entries = new RecencyList<TKey, SessionPoolEntry<TKey>>(options.Capacity, comparer);
        grace = new HandOutGrace(options.HandOutGrace, time, Sweep);
        assumeRoles = new AssumeRoleGate(options.MaxConcurrentAssumeRoles, options.AssumeRoleAttempts, options.RetryBaseDelay, options.RetryMaxDelay, time);
        onDisposal = OnSessionDisposed;
        Name = options.Name;
        SessionPoolMetrics.Register(this);
    }

    /// <summary>The pool's name in metrics (<see cref="SessionPoolOptions.Name"/>).</summary>
    public string Name { get; }

    /// <summary>How many tenants the pool keeps at most.</summary>
    public int Capacity => entries.Capacity;

    /// <summary>How many tenants are cached now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>A snapshot of the pool's counters: hits, misses, evictions, sessions alive, AssumeRole calls and failures.</summary>
    public SessionPoolStatistics Statistics
    {
        get
        {
            lock (gate)
            {
                return new SessionPoolStatistics(
                    Capacity, entries.Count, hits, misses, evictions, created, Interlocked.Read(ref disposedSessions),
                    assumeRoles.Calls, assumeRoles.Retries, assumeRoles.Failures, assumeRoles.InFlight, factoryFailures);
            }
        }
    }

    /// <summary>Called (on the thread that gave the last lease back) whenever a session of this pool is disposed. For tests.</summary>
    internal Action<AwsSession>? SessionDisposed { get; set; }

    /// <summary>
    /// The tenant's session: the cached one, or a new one from the factory (made once however many ask at the same time).
    /// The session is not leased: use it right away (<c>Sessions.UseSession(table, pool.Get(key))</c> leases it at
    /// once); it is protected from disposal for <see cref="SessionPoolOptions.HandOutGrace"/> until then. Its
    /// credentials are fetched by its first request (<see cref="GetAsync"/> fetches them before returning).
    /// </summary>
    /// <param name="key">The tenant.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="SessionPoolException">The factory threw, returned null, or returned a session a pool already owns.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public AwsSession Get(TKey key)
    {
        CheckKey(key);
        lock (gate)
        {
            if (!disposed && entries.TryGet(key, out var entry) && entry.Session is { } session)
            {
                hits++;
                entries.Touch(entry);
                entry.HandedOutAt = time.GetTimestamp();
                return session;
            }
        }

        return AcquireAsync(key, lease: false, synchronous: true, CancellationToken.None).GetAwaiter().GetResult().Entry.Session!;
    }

    /// <summary>
    /// The tenant's session with its credentials fetched (the first AssumeRole, once for all concurrent callers), so its
    /// first request does not wait for STS. Otherwise as <see cref="Get"/>.
    /// </summary>
    /// <param name="key">The tenant.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the shared creation and fetch go on for the others.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="SessionPoolException">The factory threw, returned null, or returned a session a pool already owns.</exception>
    /// <exception cref="Amazon.SecurityToken.AmazonSecurityTokenServiceException">STS refused the role (after retries for throttling).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public Task<AwsSession> GetAsync(TKey key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        lock (gate)
        {
            if (!disposed && entries.TryGet(key, out var entry) && entry.Session is { } session
                && entry.Warm is { IsCompletedSuccessfully: true } warm && session.CredentialsReady)
            {
                hits++;
                entries.Touch(entry);
                entry.HandedOutAt = time.GetTimestamp();
                return warm;
            }
        }

        return GetSlowAsync(key, cancellationToken);
    }

    /// <summary>
    /// Evicts the tenant now (offboarding, revoked access): the next request makes a new session. The old one is
    /// disposed once nothing uses it. A session still being made is not affected.
    /// </summary>
    /// <param name="key">The tenant.</param>
    /// <returns>Whether a cached session was removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool Remove(TKey key)
    {
        CheckKey(key);
        List<AwsSession>? retire = null;
        lock (gate)
        {
            if (disposed || !entries.TryGet(key, out var entry) || entry.Session is null)
            {
                return false;
            }

            entries.Remove(entry);
            evictions++;
            grace.LetGo(entry.Session, entry.HandedOutAt, time.GetTimestamp(), ref retire);
        }

        RetireAll(retire);
        return true;
    }

    /// <summary>
    /// Empties the pool: every session is disposed once nothing uses it (sessions in use stay usable until then).
    /// Later requests fail with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        List<AwsSession> retire = [];
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            SessionPoolMetrics.Unregister(this);
            foreach (var entry in entries.Entries)
            {
                if (entry.Session is { } session)
                {
                    retire.Add(session);
                }
            }

            entries.Clear();
            grace.Drain(retire);
        }

        RetireAll(retire);
    }

    /// <summary>Retires the evicted sessions whose grace period has ended (the timer does this too).</summary>
    internal void Sweep()
    {
        List<AwsSession>? retire = null;
        lock (gate)
        {
            grace.Sweep(time.GetTimestamp(), ref retire);
        }

        RetireAll(retire);
    }

    private static void CheckKey(TKey key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key), "SessionPool: the key was null; every tenant needs a key.");
        }
    }

    private static void RetireAll(List<AwsSession>? sessions)
    {
        if (sessions is null)
        {
            return;
        }

        foreach (var session in sessions)
        {
            session.Retire();
        }
    }

    private void OnSessionDisposed(AwsSession session)
    {
        Interlocked.Increment(ref disposedSessions);
        SessionDisposed?.Invoke(session);
    }
}

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
/// strict count bound (sizes are advisory and compaction runs later, asynchronously), no single-flight creation and no
/// notion of "in use", all three of which a pool of disposable sessions needs. A cache hit allocates nothing.</para>
/// <para><b>Never disposed under a request.</b> Every use of a session leases it: each table operation (for its
/// duration), each stream (until its enumeration ends), each facade restore scope and <c>UseTenant</c> scope, and
/// <c>Pools.useTenant</c> (for the whole scope). An evicted session is only <i>retired</i>; it is disposed when its last
/// lease is given back, and a lease can no longer be taken once it is disposed — one atomic state decides between the
/// two, so neither can slip between the other's check and act. Scopes and <c>Pools.useTenant</c> take their lease under
/// the pool's lock, in the same step as the lookup, so nothing can evict in between. A session handed out by
/// <see cref="Get"/> or <see cref="GetAsync"/> is not leased yet; for the moment until its first use it is protected
/// by a grace period (<see cref="SessionPoolOptions.HandOutGrace"/>): an evicted session handed out less than that
/// long ago is disposed only after the grace period has passed <i>and</i> its leases are gone. Lease-on-Get was the
/// alternative, but a plain <c>Get</c> has no end at which to give the lease back. So: take a session right where it
/// is used (<c>Sessions.UseSession(table, pool.Get(key))</c> leases at once), or use a leasing form. Do not keep a
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
/// <para><b>Bad input</b> (a null key, a factory that throws or returns null) fails with a clear error naming the key —
/// masked when it looks like a secret — leaves the pool as it was, and the next request tries again.</para>
/// </remarks>
public sealed class SessionPool<TKey> : IDisposable, IObservedPool
    where TKey : notnull
{
    private readonly Func<TKey, AwsSession> factory;
    private readonly Dictionary<TKey, SessionPoolEntry<TKey>> entries;
    private readonly List<SessionPoolEntry<TKey>> inGrace = [];
    private readonly Lock gate = new();
    private readonly AssumeRoleGate assumeRoles;
    private readonly TimeProvider time;
    private readonly TimeSpan grace;
    private readonly Action<AwsSession> onDisposal;
    private SessionPoolEntry<TKey>? newest;
    private SessionPoolEntry<TKey>? oldest;
    private ITimer? sweeper;
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
        Capacity = options.Capacity;
        time = options.TimeProvider;
        grace = options.HandOutGrace;
        entries = new Dictionary<TKey, SessionPoolEntry<TKey>>(Math.Min(options.Capacity, 4096), comparer);
        assumeRoles = new AssumeRoleGate(options.MaxConcurrentAssumeRoles, options.AssumeRoleAttempts, options.RetryBaseDelay, options.RetryMaxDelay, time);
        onDisposal = OnSessionDisposed;
        Name = options.Name;
        SessionPoolMetrics.Register(this);
    }

    /// <summary>The pool's name in metrics (<see cref="SessionPoolOptions.Name"/>).</summary>
    public string Name { get; }

    /// <summary>How many tenants the pool keeps at most.</summary>
    public int Capacity { get; }

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
            if (!disposed && entries.TryGetValue(key, out var entry) && entry.Session is { } session)
            {
                hits++;
                MakeNewest(entry);
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
            if (!disposed && entries.TryGetValue(key, out var entry) && entry.Session is { } session
                && entry.Warm is { IsCompletedSuccessfully: true } warm && session.CredentialsReady)
            {
                hits++;
                MakeNewest(entry);
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
            if (disposed || !entries.TryGetValue(key, out var entry) || entry.Session is null)
            {
                return false;
            }

            RemoveLocked(entry);
            evictions++;
            LetGoLocked(entry, time.GetTimestamp(), ref retire);
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
            foreach (var entry in entries.Values)
            {
                if (entry.Session is { } session)
                {
                    retire.Add(session);
                }
            }

            foreach (var entry in inGrace)
            {
                retire.Add(entry.Session!);
            }

            entries.Clear();
            inGrace.Clear();
            newest = oldest = null;
            sweeper?.Dispose();
            sweeper = null;
        }

        RetireAll(retire);
    }

    /// <summary>
    /// The tenant's session, leased in the same step as the lookup (so no eviction can come in between): for scopes
    /// that hold it for their whole life. Credentials are not fetched here.
    /// </summary>
    internal SessionLease Lease(TKey key)
    {
        CheckKey(key);
        lock (gate)
        {
            if (!disposed && entries.TryGetValue(key, out var entry) && entry.Session is { } session)
            {
                hits++;
                MakeNewest(entry);
                return session.Lease();
            }
        }

        return AcquireAsync(key, lease: true, synchronous: true, CancellationToken.None).GetAwaiter().GetResult().Lease;
    }

    /// <summary>The tenant's session, leased in the same step as the lookup, with its credentials fetched.</summary>
    internal async Task<SessionLease> LeaseAsync(TKey key, CancellationToken cancellationToken)
    {
        CheckKey(key);
        var (entry, lease) = await AcquireAsync(key, lease: true, synchronous: false, cancellationToken).ConfigureAwait(false);
        try
        {
            await WarmAsync(entry, cancellationToken).ConfigureAwait(false);
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Retires the evicted sessions whose grace period has ended (the timer does this too).</summary>
    internal void Sweep()
    {
        List<AwsSession>? retire = null;
        lock (gate)
        {
            SweepLocked(time.GetTimestamp(), ref retire);
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

    private async Task<AwsSession> GetSlowAsync(TKey key, CancellationToken cancellationToken)
    {
        var (entry, _) = await AcquireAsync(key, lease: false, synchronous: false, cancellationToken).ConfigureAwait(false);
        return await WarmAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds or makes the tenant's entry and hands its session out (stamped) or leases it. With
    /// <paramref name="synchronous"/> it never awaits anything incomplete, so the returned task is already complete.
    /// </summary>
    private async ValueTask<(SessionPoolEntry<TKey> Entry, SessionLease Lease)> AcquireAsync(TKey key, bool lease, bool synchronous, CancellationToken cancellationToken)
    {
        var count = true;
        while (true)
        {
            List<AwsSession>? retire = null;
            var (step, entry, taken) = Enter(key, lease, count, ref retire);
            RetireAll(retire);
            count = false;
            switch (step)
            {
                case Step.Ready:
                    return (entry, taken);
                case Step.Make:
                    return (entry, Make(entry, lease));
                default:
                    if (synchronous)
                    {
                        if (entry.MakerThread == Environment.CurrentManagedThreadId && !entry.Made.Task.IsCompleted)
                        {
                            throw new SessionPoolException(
                                $"SessionPool: the factory for key '{Redaction.DescribeKey(key)}' asked the pool for the same key; it would wait for itself.");
                        }

                        entry.Made.Task.GetAwaiter().GetResult();
                    }
                    else
                    {
                        await entry.Made.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    // Made: go round again to hand it out or lease it under the lock (or make it anew if it was evicted).
                    break;
            }
        }
    }

    /// <summary>Under the lock: the tenant's entry, ready (touched, stamped or leased), being made, or new (to make).</summary>
    private (Step Step, SessionPoolEntry<TKey> Entry, SessionLease Lease) Enter(TKey key, bool lease, bool count, ref List<AwsSession>? retire)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (entries.TryGetValue(key, out var entry))
            {
                if (count)
                {
                    hits++;
                }

                if (entry.Session is not { } session)
                {
                    return (Step.Wait, entry, default);
                }

                MakeNewest(entry);
                if (lease)
                {
                    return (Step.Ready, entry, session.Lease());
                }

                entry.HandedOutAt = time.GetTimestamp();
                return (Step.Ready, entry, default);
            }

            misses++;
            entry = new SessionPoolEntry<TKey>(key, Environment.CurrentManagedThreadId);
            entries.Add(key, entry);
            MakeNewest(entry);
            MakeRoomLocked(ref retire);
            return (Step.Make, entry, default);
        }
    }

    /// <summary>Runs the factory (outside the lock) and publishes the session, or removes the entry and fails everyone waiting.</summary>
    private SessionLease Make(SessionPoolEntry<TKey> entry, bool lease)
    {
        AwsSession? session = null;
        Exception? failure;
        var describe = Redaction.DescribeKey(entry.Key);
        try
        {
            session = factory(entry.Key);
            failure = session is null
                ? new SessionPoolException($"SessionPool: the factory returned null for key '{describe}'; it must return a new AwsSession (typically source.AssumeRole(...)). Nothing was cached.")
                : session.IsDisposed
                ? new SessionPoolException($"SessionPool: the factory returned a disposed session for key '{describe}'. Nothing was cached.")
                : !session.TryAdopt(this, onDisposal)
                ? new SessionPoolException($"SessionPool: the factory returned a session that a pool already owns for key '{describe}'; return a new session for every key. Nothing was cached.")
                : null;
        }
#pragma warning disable CA1031 // Whatever the factory throws is reported to every waiter, wrapped with the key.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = new SessionPoolException(
                $"SessionPool: the factory threw {ex.GetType().Name} for key '{describe}' (see the inner exception). Nothing was cached; the next request for the key tries again.",
                ex);
        }

        AwsSession? orphan = null;
        SessionLease taken = default;
        lock (gate)
        {
            if (failure is null && disposed)
            {
                failure = new ObjectDisposedException(GetType().Name, $"SessionPool: the pool was disposed while the session for key '{describe}' was being made.");
                orphan = session;
            }

            if (failure is not null)
            {
                factoryFailures++;
                if (entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry))
                {
                    RemoveLocked(entry);
                }
            }
            else
            {
                entry.Session = session;
                created++;
                session!.UseAssumeRoleGate(assumeRoles);
                if (lease)
                {
                    taken = session.Lease();
                }
                else
                {
                    entry.HandedOutAt = time.GetTimestamp();
                }
            }
        }

        if (failure is not null)
        {
            orphan?.Retire();
            entry.Made.TrySetException(failure);
            _ = entry.Made.Task.Exception; // observed here: waiters rethrow it themselves
            throw failure;
        }

        entry.Made.TrySetResult(session!);
        return taken;
    }

    /// <summary>The shared credential warm-up of the entry's session; started again when the last one failed or the credentials expired.</summary>
    private Task<AwsSession> WarmAsync(SessionPoolEntry<TKey> entry, CancellationToken cancellationToken)
    {
        var session = entry.Session!;
        Task<AwsSession>? warm;
        lock (gate)
        {
            warm = entry.Warm;
            if (warm is null || warm.IsFaulted || warm.IsCanceled || (warm.IsCompletedSuccessfully && !session.CredentialsReady))
            {
                // Task.Run: the fetch starts (STS client creation, request signing) outside the lock and outside callers' flows.
                entry.Warm = warm = Task.Run(async () =>
                {
                    await session.WarmCredentialsAsync().ConfigureAwait(false);
                    return session;
                });
            }
        }

        return warm.WaitAsync(cancellationToken);
    }

    /// <summary>Evicts least recently used entries until the capacity holds, preferring idle ones.</summary>
    private void MakeRoomLocked(ref List<AwsSession>? retire)
    {
        var now = time.GetTimestamp();
        SweepLocked(now, ref retire);
        while (entries.Count > Capacity)
        {
            var victim = OldestIdleLocked(now) ?? OldestMadeLocked();
            if (victim is null)
            {
                // Every cached entry is still being made: over capacity until one is, rather than orphan a factory call.
                return;
            }

            RemoveLocked(victim);
            evictions++;
            LetGoLocked(victim, now, ref retire);
        }
    }

    private SessionPoolEntry<TKey>? OldestIdleLocked(long now)
    {
        for (var e = oldest; e is not null; e = e.Newer)
        {
            if (e.Session is { Leases: 0 } && !InGrace(e, now))
            {
                return e;
            }
        }

        return null;
    }

    private SessionPoolEntry<TKey>? OldestMadeLocked()
    {
        for (var e = oldest; e is not null; e = e.Newer)
        {
            if (e.Session is not null)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>An evicted entry's session is retired now, or after its grace period if it was handed out unleased lately.</summary>
    private void LetGoLocked(SessionPoolEntry<TKey> entry, long now, ref List<AwsSession>? retire)
    {
        if (InGrace(entry, now))
        {
            inGrace.Add(entry);
            sweeper ??= time.CreateTimer(static state => ((SessionPool<TKey>)state!).Sweep(), this, grace, grace);
            return;
        }

        (retire ??= []).Add(entry.Session!);
    }

    private void SweepLocked(long now, ref List<AwsSession>? retire)
    {
        for (var i = inGrace.Count - 1; i >= 0; i--)
        {
            if (!InGrace(inGrace[i], now))
            {
                (retire ??= []).Add(inGrace[i].Session!);
                inGrace.RemoveAt(i);
            }
        }

        if (inGrace.Count == 0 && sweeper is not null)
        {
            sweeper.Dispose();
            sweeper = null;
        }
    }

    private bool InGrace(SessionPoolEntry<TKey> entry, long now) =>
        entry.HandedOutAt != SessionPoolEntry<TKey>.Never && time.GetElapsedTime(entry.HandedOutAt, now) < grace;

    private void RemoveLocked(SessionPoolEntry<TKey> entry)
    {
        entries.Remove(entry.Key);
        Unlink(entry);
    }

    private void MakeNewest(SessionPoolEntry<TKey> entry)
    {
        if (ReferenceEquals(newest, entry))
        {
            return;
        }

        Unlink(entry);
        entry.Older = newest;
        if (newest is not null)
        {
            newest.Newer = entry;
        }

        newest = entry;
        oldest ??= entry;
        entry.Linked = true;
    }

    private void Unlink(SessionPoolEntry<TKey> entry)
    {
        if (!entry.Linked)
        {
            return;
        }

        if (entry.Newer is null)
        {
            newest = entry.Older;
        }
        else
        {
            entry.Newer.Older = entry.Older;
        }

        if (entry.Older is null)
        {
            oldest = entry.Newer;
        }
        else
        {
            entry.Older.Newer = entry.Newer;
        }

        entry.Newer = entry.Older = null;
        entry.Linked = false;
    }

    private void OnSessionDisposed(AwsSession session)
    {
        Interlocked.Increment(ref disposedSessions);
        SessionDisposed?.Invoke(session);
    }

    private enum Step
    {
        Ready,
        Make,
        Wait,
    }
}

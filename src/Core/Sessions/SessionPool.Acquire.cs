using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <content>
/// How a request reaches its tenant's session: found in the recency list, joined while another request makes it, or
/// made now by the factory (making room by eviction first); then handed out, leased, or warmed.
/// </content>
public sealed partial class SessionPool<TKey>
{
    /// <summary>
    /// The tenant's session, leased in the same step as the lookup (so no eviction can come in between): for scopes
    /// that hold it for their whole life. Credentials are not fetched here.
    /// </summary>
    internal SessionLease Lease(TKey key)
    {
        CheckKey(key);
        lock (gate)
        {
            if (!disposed && entries.TryGet(key, out var entry) && entry.Session is { } session)
            {
                hits++;
                entries.Touch(entry);
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
            if (entries.TryGet(key, out var entry))
            {
                if (count)
                {
                    hits++;
                }

                if (entry.Session is not { } session)
                {
                    return (Step.Wait, entry, default);
                }

                entries.Touch(entry);
                if (lease)
                {
                    return (Step.Ready, entry, session.Lease());
                }

                entry.HandedOutAt = time.GetTimestamp();
                return (Step.Ready, entry, default);
            }

            misses++;
            entry = new SessionPoolEntry<TKey>(key, Environment.CurrentManagedThreadId);
            entries.Add(entry);
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
                entries.Remove(entry);
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

    /// <summary>Evicts least recently used entries until the capacity holds, preferring idle ones (the recency list decides).</summary>
    private void MakeRoomLocked(ref List<AwsSession>? retire)
    {
        var now = time.GetTimestamp();
        grace.Sweep(now, ref retire);
        while (entries.TryEvict((Pool: this, Now: now), static (e, s) => s.Pool.UseOf(e, s.Now), out var victim))
        {
            evictions++;
            grace.LetGo(victim.Session!, victim.HandedOutAt, now, ref retire);
        }
    }

    /// <summary>How an entry is used: being made, leased or handed out within the grace period, or idle.</summary>
    private EntryUse UseOf(SessionPoolEntry<TKey> entry, long now) =>
        entry.Session is not { } session ? EntryUse.BeingMade
        : session.Leases > 0 || grace.Covers(entry.HandedOutAt, now) ? EntryUse.InUse
        : EntryUse.Idle;

    private enum Step
    {
        Ready,
        Make,
        Wait,
    }
}

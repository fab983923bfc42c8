using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <content>
/// A session's life in a <see cref="SessionPool{TKey}"/>: adoption by the pool, leases taken by every operation, scope
/// and stream that uses it, retirement when the pool evicts it, and disposal when the last lease is given back
/// (<see cref="SessionLeases"/> decides); also the pool's credential warm-up and its AssumeRole gate.
/// </content>
public sealed partial class AwsSession
{
    private readonly SessionLeases leases = new();
    private object? pool;
    private Action<AwsSession>? onRetiredDisposal;

    /// <summary>How many leases are held right now.</summary>
    internal int Leases => leases.Count;

    /// <summary>Whether the session's pool has let go of it (it is disposed when the last lease is given back).</summary>
    internal bool IsRetired => leases.IsRetired;

    /// <summary>
    /// Claims the session for one operation: a retired session is disposed only after every lease is given back.
    /// Leasing a session that is not pooled only counts (it is never retired).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The session was evicted from its pool and has been disposed.</exception>
    internal SessionLease Lease() =>
        leases.TryTake()
            ? new SessionLease(this)
            : throw new ObjectDisposedException(
                ToString(),
                "This pooled session was evicted from its SessionPool and disposed before this use. Take sessions from the pool " +
                "right where they are used (Sessions.UseSession(table, pool.Get(key)) leases at once), or use pool.UseTenant or " +
                "Pools.useTenant, which hold a lease for the whole scope.");

    /// <summary>
    /// <see cref="Lease"/>, then, when the credentials need fetching or refreshing, asks for them on the SDK's async path
    /// (a refresh within the margin runs in the background; an expired or first fetch is awaited) so that the request
    /// that follows never fetches them synchronously, blocking a thread.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The session was evicted from its pool and has been disposed.</exception>
    internal ValueTask<SessionLease> LeaseReadyAsync()
    {
        var lease = Lease();
        if (IsDisposed)
        {
            // A session its owner disposed (not a pooled one, whose disposal Lease refuses): fail as its client would.
            lease.Dispose();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return credentials.NeedsAsyncTouch ? TouchCredentialsAsync(lease) : new ValueTask<SessionLease>(lease);
    }

    /// <summary>A lease for a credential fetch, given back with <see cref="Release"/>; false when the session has been disposed.</summary>
    internal bool TryLeaseForRefresh() => leases.TryTake();

    /// <summary>Gives a lease back; the last lease of a retired session disposes it.</summary>
    internal void Release()
    {
        if (leases.Release())
        {
            DisposeRetired();
        }
    }

    /// <summary>Lets go of a pooled session: disposed now if nothing holds it, else when the last lease is given back.</summary>
    internal void Retire()
    {
        if (leases.Retire())
        {
            DisposeRetired();
        }
    }

    /// <summary>Makes <paramref name="owner"/> the owner; false when a pool already owns the session.</summary>
    internal bool TryAdopt(object owner, Action<AwsSession> onDisposal)
    {
        if (Interlocked.CompareExchange(ref pool, owner, null) is not null)
        {
            return false;
        }

        onRetiredDisposal = onDisposal;
        return true;
    }

    /// <summary>Routes this session's AssumeRole calls (first fetch and refreshes) through <paramref name="gate"/>.</summary>
    internal void UseAssumeRoleGate(AssumeRoleGate gate)
    {
        if (credentials.Refresher is { } assumed)
        {
            assumed.Gate = gate;
        }
    }

    /// <summary>Fetches the credentials now (the first AssumeRole, or a refresh if they expired), so the first request does not wait.</summary>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    internal async Task WarmCredentialsAsync()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        await credentials.Value.GetCredentialsAsync().ConfigureAwait(false);
    }

    /// <summary>A stream that holds a lease on this session until its enumeration ends.</summary>
    internal IAsyncEnumerable<T> Leased<T>(IAsyncEnumerable<T> stream) => new LeasedStream<T>(this, stream);

    private async ValueTask<SessionLease> TouchCredentialsAsync(SessionLease lease)
    {
        try
        {
            await credentials.Value.GetCredentialsAsync().ConfigureAwait(false);
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private void DisposeRetired()
    {
        DisposeClients();
        onRetiredDisposal?.Invoke(this);
    }
}

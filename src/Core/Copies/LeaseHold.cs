using System;

namespace SessionEffects;

/// <summary>
/// A worker's own view of a lease it holds: the row as it last wrote it successfully. The worker may write the
/// segment only while <see cref="MayWrite"/> says so; a renewal whose answer is lost leaves the hold at its older,
/// earlier expiry, which is the safe side. Immutable.
/// </summary>
/// <param name="Lease">The row as this worker last wrote it.</param>
/// <param name="Lost">A conditional write failed: another worker changed the row, the lease is gone for good.</param>
internal sealed record LeaseHold(SegmentLease Lease, bool Lost = false)
{
    /// <summary>
    /// Whether a write started at <paramref name="now"/> ends (within the margin) before the lease can be taken: not
    /// lost, and at least the safety margin left.
    /// </summary>
    public bool MayWrite(DateTimeOffset now, LeaseTiming timing) => !Lost && Lease.ExpiresAt is { } expiry && now + timing.SafetyMargin < expiry;

    /// <summary>How long a write started at <paramref name="now"/> may run before the margin is reached (zero when it may not start).</summary>
    public TimeSpan WriteBudget(DateTimeOffset now, LeaseTiming timing) =>
        MayWrite(now, timing) ? Lease.ExpiresAt!.Value - timing.SafetyMargin - now : TimeSpan.Zero;

    /// <summary>Whether the lease is due for renewal at <paramref name="now"/> (the last write of it is a renewal interval old).</summary>
    public bool RenewalDue(DateTimeOffset now, LeaseTiming timing) =>
        !Lost && Lease.ExpiresAt is { } expiry && now >= expiry - timing.LeaseDuration + timing.RenewInterval;
}

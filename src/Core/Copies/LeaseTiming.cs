using System;

namespace SessionEffects;

/// <summary>
/// How long a copy job's segment lease lasts and how a worker keeps it: the lease runs <see cref="LeaseDuration"/> from
/// its last renewal, the worker renews it every <see cref="RenewInterval"/> (and with every checkpoint), and it writes
/// only while at least <see cref="SafetyMargin"/> of the lease is left, so a write it starts ends before another worker
/// may take the segment over.
/// </summary>
/// <remarks>
/// Safety rests on one assumption: a single write (one batch of at most 25 puts, its retries included, which the worker
/// cancels when the margin is reached) and the clock difference between two workers' machines together take less than
/// <see cref="SafetyMargin"/>. DynamoDB's batch writes take no condition, so there is no fencing token on the data
/// itself; should the assumption fail, the late write is an idempotent put of an item the next owner writes again.
/// </remarks>
public sealed record LeaseTiming
{
    /// <summary>How long a lease lasts from its last renewal; 30 seconds by default.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker renews a lease it holds; 10 seconds by default.</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a lease must be left for a worker to start a write; 10 seconds by default.</summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks that a worker renewing on time never reaches the margin: the renewal interval plus the margin must be
    /// shorter than the lease, leaving room for one failed renewal to be retried.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A time is not positive, or renewal interval + margin is not shorter than the lease.</exception>
    public LeaseTiming Validated()
    {
        if (LeaseDuration <= TimeSpan.Zero || RenewInterval <= TimeSpan.Zero || SafetyMargin <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), "Lease duration, renewal interval and safety margin must be positive.");
        }

        return RenewInterval + SafetyMargin < LeaseDuration ? this
            : throw new ArgumentOutOfRangeException(
                nameof(RenewInterval), $"The renewal interval ({RenewInterval}) plus the safety margin ({SafetyMargin}) must be shorter than the lease ({LeaseDuration}).");
    }
}

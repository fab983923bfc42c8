using System;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// The rate limit of a copy, shared by all its segments. Each acquisition is given its own moment on a schedule that
/// advances by <c>cost / rate</c>: the first goes at once, each later one when the ones before it have used their share
/// of time. Costs are items or write capacity units, whichever the options name; without a limit it costs nothing.
/// </summary>
/// <remarks>
/// <para>
/// Written by hand because System.Threading.RateLimiting's token bucket does not keep this promise: it is refilled by a
/// timer, and what does not fit when a tick comes late (a busy machine, a starved thread pool) is lost, so the rate
/// measured over 10 s fell to 415–420 items/s against a limit of 500 while other work shared the two cores. A
/// copy's promise is a rate over a window, so a late writer must be able to catch up: the schedule lets an acquisition
/// whose moment is already past go at once, back to at most <see cref="Credit"/> behind the present. That credit bounds
/// the burst after a stall or an idle spell (at most half a second's worth: a 10 s window sees at most 5 % over the
/// limit) and is what the rate can lose only when a writer is late by more than that.
/// </para>
/// <para>Thread-safe: segments acquire concurrently; the schedule is advanced under a lock, the waiting is outside it.</para>
/// </remarks>
internal sealed class Pacing
{
    /// <summary>How far behind the present the schedule may fall and still be caught up.</summary>
    internal static readonly TimeSpan Credit = TimeSpan.FromSeconds(0.5);

    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly double ticksPerUnit;
    private readonly long creditTicks;
    private long next = long.MinValue;

    private Pacing(double? perSecond, TimeProvider time)
    {
        this.time = time;
        if (perSecond is { } rate)
        {
            ticksPerUnit = time.TimestampFrequency / rate;
            creditTicks = (long)(Credit.TotalSeconds * time.TimestampFrequency);
        }
    }

    /// <summary>Whether costs are write capacity units rather than items.</summary>
    public bool ByWriteUnits { get; private init; }

    /// <summary>Whether there is a limit at all.</summary>
    public bool IsLimited => ticksPerUnit > 0;

    /// <summary>The pacing the options ask for.</summary>
    /// <exception cref="ArgumentException">Both limits, or a limit that is not positive.</exception>
    public static Pacing For(CopyOptions options) => For(options, TimeProvider.System);

    /// <summary>The pacing the options ask for, on <paramref name="time"/>'s clock (a fake one in tests).</summary>
    /// <exception cref="ArgumentException">Both limits, or a limit that is not positive.</exception>
    internal static Pacing For(CopyOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ItemsPerSecond is not null && options.WriteUnitsPerSecond is not null)
        {
            throw new ArgumentException("Give one rate limit: ItemsPerSecond or WriteUnitsPerSecond, not both.", nameof(options));
        }

        var rate = options.ItemsPerSecond ?? options.WriteUnitsPerSecond;
        return rate is <= 0 or double.NaN or double.PositiveInfinity
            ? throw new ArgumentOutOfRangeException(nameof(options), rate, "A rate limit must be a positive, finite number per second.")
            : new Pacing(rate, time) { ByWriteUnits = options.WriteUnitsPerSecond is not null };
    }

    /// <summary>Waits until the schedule reaches this acquisition of <paramref name="cost"/> units.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the units stay spent).</exception>
    public ValueTask Acquire(int cost, CancellationToken ct)
    {
        if (!IsLimited || cost <= 0)
        {
            return ValueTask.CompletedTask;
        }

        ct.ThrowIfCancellationRequested();
        long now, due;
        lock (gate)
        {
            now = time.GetTimestamp();

            // The first acquisition starts the schedule now (no burst for the time the copy spent before its first write).
            due = next == long.MinValue ? now : Math.Max(next, now - creditTicks);
            next = due + (long)Math.Ceiling(cost * ticksPerUnit);
        }

        return due <= now ? ValueTask.CompletedTask : new ValueTask(Task.Delay(time.GetElapsedTime(now, due), time, ct));
    }
}

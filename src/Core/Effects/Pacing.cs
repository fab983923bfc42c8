using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// The rate limit of a copy, shared by all its segments: a token bucket (System.Threading.RateLimiting) refilled in
/// small, even steps, with bursts of at most three steps, so the measured rate over any few seconds stays at the limit.
/// Costs are items or write capacity units, whichever the options name; without a limit it costs nothing.
/// </summary>
internal sealed class Pacing : IDisposable
{
    private readonly TokenBucketRateLimiter? bucket;
    private readonly int step;

    private Pacing(double? perSecond)
    {
        if (perSecond is not { } rate)
        {
            return;
        }

        // An integer number of tokens per step, with the step's length chosen so the rate is exact. The bucket holds three
        // steps: the limiter refills by the time that really passed, so a timer tick that comes late (a busy machine)
        // still adds all its tokens instead of losing what does not fit — the long-run rate stays at the limit, and a
        // burst is at most 0.3 s worth.
        step = Math.Max(1, (int)Math.Round(rate / 10));
        bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 3 * step,
            TokensPerPeriod = step,
            ReplenishmentPeriod = TimeSpan.FromSeconds(step / rate),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Whether costs are write capacity units rather than items.</summary>
    public bool ByWriteUnits { get; private init; }

    /// <summary>The pacing the options ask for.</summary>
    /// <exception cref="ArgumentException">Both limits, or a limit that is not positive.</exception>
    public static Pacing For(CopyOptions options)
    {
        if (options.ItemsPerSecond is not null && options.WriteUnitsPerSecond is not null)
        {
            throw new ArgumentException("Give one rate limit: ItemsPerSecond or WriteUnitsPerSecond, not both.", nameof(options));
        }

        var rate = options.ItemsPerSecond ?? options.WriteUnitsPerSecond;
        return rate is <= 0 or double.NaN or double.PositiveInfinity
            ? throw new ArgumentOutOfRangeException(nameof(options), rate, "A rate limit must be a positive, finite number per second.")
            : new Pacing(rate) { ByWriteUnits = options.WriteUnitsPerSecond is not null };
    }

    /// <summary>Waits until <paramref name="cost"/> tokens are available (taken in steps no larger than the bucket).</summary>
    public async ValueTask Acquire(int cost, CancellationToken ct)
    {
        if (bucket is null)
        {
            return;
        }

        while (cost > 0)
        {
            var take = Math.Min(cost, step);
            using var lease = await bucket.AcquireAsync(take, ct).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                throw new InvalidOperationException("The copy's rate limiter refused a request; this is a bug in the pacing.");
            }

            cost -= take;
        }
    }

    public void Dispose() => bucket?.Dispose();
}

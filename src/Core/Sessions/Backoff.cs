using System;

namespace SessionEffects;

/// <summary>
/// Capped exponential backoff with "equal jitter" for every "come back later" answer — DynamoDB's unprocessed items
/// and keys, throttling, STS's Throttling: half of the capped exponential delay for sure, the other half at random, so
/// callers throttled together spread out but none retries at once.
/// </summary>
internal static class Backoff
{
    /// <summary>DynamoDB's pacing: 100 ms for the first retry, doubling, capped at 2 s.</summary>
    public static TimeSpan Delay(int attempt) => Delay(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));

    /// <summary>The delay before retry number <paramref name="attempt"/> (1 for the first retry).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30) - 1));
        return TimeSpan.FromMilliseconds((exponential / 2) + (Random.Shared.NextDouble() * exponential / 2));
    }
}

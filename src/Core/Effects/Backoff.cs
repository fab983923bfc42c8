using System;

namespace SessionEffects;

/// <summary>
/// Capped exponential backoff with jitter for DynamoDB's "come back later" answers (unprocessed items and keys):
/// 50 ms doubling per attempt, capped at 2 s, each delay drawn from the upper half so parallel writers spread out.
/// </summary>
internal static class Backoff
{
    /// <summary>The delay before retry number <paramref name="attempt"/> (1 for the first retry).</summary>
    public static TimeSpan Delay(int attempt)
    {
        var cap = Math.Min(2000, 50 * (1 << Math.Min(attempt, 10)));
        return TimeSpan.FromMilliseconds(Random.Shared.Next(cap / 2, cap));
    }
}

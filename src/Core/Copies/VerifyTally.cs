using System.Collections.Generic;
using System.Linq;

namespace SessionEffects;

/// <summary>
/// What one segment of a verify job has found so far: items read on its side and the differences with their first
/// keys (at most the job's MaxReported of each kind). Stored in the segment's lease row with each checkpoint, so a
/// page is counted exactly once however often the segment changes hands: its tally and its checkpoint are one
/// conditional write.
/// </summary>
internal sealed record VerifyTally(long SourceItems, long TargetItems, long MissingCount, long ExtraCount, long DifferentCount, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra, IReadOnlyList<string> Different)
{
    /// <summary>Nothing found yet.</summary>
    public static VerifyTally Empty { get; } = new(0, 0, 0, 0, 0, [], [], []);

    /// <summary>This tally and <paramref name="other"/>: counts added, keys kept up to <paramref name="max"/> of each kind.</summary>
    public VerifyTally Plus(VerifyTally other, int max) => new(
        SourceItems + other.SourceItems,
        TargetItems + other.TargetItems,
        MissingCount + other.MissingCount,
        ExtraCount + other.ExtraCount,
        DifferentCount + other.DifferentCount,
        [.. Missing.Concat(other.Missing).Take(max)],
        [.. Extra.Concat(other.Extra).Take(max)],
        [.. Different.Concat(other.Different).Take(max)]);

    /// <summary>The tally as the result of a verify.</summary>
    public VerifyResult ToResult() => new(SourceItems, TargetItems, MissingCount, ExtraCount, DifferentCount, Missing, Extra, Different);
}

using System.Collections.Generic;

namespace SessionEffects;

/// <summary>
/// What comparing a source table with its copy found, item by item (by key and a digest of every attribute): counts of
/// each kind of difference, and the first keys of each.
/// </summary>
/// <param name="SourceItems">Items in the source (matching the filter, if any).</param>
/// <param name="TargetItems">Items in the target.</param>
/// <param name="MissingCount">Source items the target lacks.</param>
/// <param name="ExtraCount">Target items the source lacks (with a filter: items the filter excludes count here too).</param>
/// <param name="DifferentCount">Items present on both sides whose attributes differ.</param>
/// <param name="Missing">The first missing keys, as <c>{id=…}</c>.</param>
/// <param name="Extra">The first extra keys.</param>
/// <param name="Different">The first keys whose items differ.</param>
public sealed record VerifyResult(
    long SourceItems,
    long TargetItems,
    long MissingCount,
    long ExtraCount,
    long DifferentCount,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Extra,
    IReadOnlyList<string> Different)
{
    /// <summary>Whether the target holds exactly the source's items.</summary>
    public bool IsIdentical => MissingCount == 0 && ExtraCount == 0 && DifferentCount == 0;

    /// <summary>Counts, and how many keys of each kind differ.</summary>
    public override string ToString() =>
        $"source {SourceItems}, target {TargetItems}: {MissingCount} missing, {ExtraCount} extra, {DifferentCount} different";
}

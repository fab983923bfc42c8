using System;

namespace SessionEffects;

/// <summary>How far a copy has come (reported through <see cref="CopyOptions.Progress"/>).</summary>
/// <param name="ItemsRead">Items read from the source so far (in this run).</param>
/// <param name="ItemsWritten">Items written to the target so far (in this run).</param>
/// <param name="ItemsRetried">Item writes that were retried (unprocessed items, throttling).</param>
/// <param name="ItemsPerSecond">Items written per second since the copy started.</param>
/// <param name="SegmentsDone">Segments completely copied.</param>
/// <param name="Segments">Segments in all.</param>
/// <param name="Elapsed">Time since the copy started.</param>
public sealed record CopyProgress(long ItemsRead, long ItemsWritten, long ItemsRetried, double ItemsPerSecond, int SegmentsDone, int Segments, TimeSpan Elapsed)
{
    /// <summary>Items written so far over every run of the copy: those the checkpoint resumed from covers, and this run's.</summary>
    public long TotalItemsWritten { get; init; }
}

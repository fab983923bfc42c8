using System;

namespace SessionEffects;

/// <summary>What a finished copy did.</summary>
/// <param name="ItemsRead">Items read from the source (in this run).</param>
/// <param name="ItemsWritten">Items written to the target (in this run).</param>
/// <param name="ItemsRetried">Item writes that were retried.</param>
/// <param name="Segments">Segments used.</param>
/// <param name="Elapsed">How long this run took.</param>
/// <param name="TableCreated">Whether this run created the target table.</param>
/// <param name="Checkpoint">The final checkpoint (every segment done).</param>
public sealed record CopyResult(long ItemsRead, long ItemsWritten, long ItemsRetried, int Segments, TimeSpan Elapsed, bool TableCreated, CopyCheckpoint Checkpoint)
{
    /// <summary>Items read from the source over every run of the copy (the runs before a resume included), each page once.</summary>
    public long TotalItemsRead { get; init; }

    /// <summary>
    /// Items written to the target over every run of the copy, each item once: the items the copy covers (with a filter,
    /// those that match). <see cref="ItemsWritten"/> counts this run only, and may count the items of a page a crash
    /// interrupted twice.
    /// </summary>
    public long TotalItemsWritten { get; init; }
}

using System;

namespace SessionEffects;

/// <summary>How a mirrored table's backfill (copy of the primary into the secondary while it is written) runs.</summary>
public sealed record BackfillOptions
{
    /// <summary>Scan segments of the primary read in parallel; 4 by default.</summary>
    public int Segments { get; init; } = 4;

    /// <summary>Conditional puts sent to the secondary at once; 16 by default.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Items evaluated per scan request in each segment; 100 by default (a checkpoint follows every page).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Put at most this many items per second into the secondary, all segments together (no limit when absent).</summary>
    public double? ItemsPerSecond { get; init; }

    /// <summary>Receives a progress report about every <see cref="ProgressInterval"/>, and a last one at the end.</summary>
    public IProgress<CopyProgress>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> hears from the backfill; 1 second by default.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Called with a new checkpoint (one call at a time) after every page of a segment whose puts are all done. Persist
    /// it and pass it as <see cref="ResumeFrom"/> to continue a backfill that was stopped or killed.
    /// </summary>
    public Action<CopyCheckpoint>? OnCheckpoint { get; init; }

    /// <summary>
    /// A checkpoint of an earlier run of the same backfill (same primary table, key schema and segment count): the
    /// pages it covers are not read again. Checked whole before anything is read or written.
    /// </summary>
    public CopyCheckpoint? ResumeFrom { get; init; }
}

using System;

namespace SessionEffects;

/// <summary>
/// How to copy a table between sessions: segments read in parallel, a shared rate limit, target creation, a filter,
/// progress reports and checkpoints to resume from. Immutable; the defaults copy everything with 4 segments, unthrottled.
/// </summary>
public sealed record CopyOptions
{
    /// <summary>Scan segments read (and written) in parallel; 4 by default.</summary>
    public int Segments { get; init; } = 4;

    /// <summary>
    /// Items evaluated per scan request in each segment; 100 by default. Memory stays at about segments × page size
    /// items, whatever the size of the table.
    /// </summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Write at most this many items per second, shared by all segments (for a target that serves production traffic).</summary>
    public double? ItemsPerSecond { get; init; }

    /// <summary>Write at most this many write capacity units per second (1 unit per started KB of item), shared by all segments.</summary>
    public double? WriteUnitsPerSecond { get; init; }

    /// <summary>
    /// Create the target table when it is missing, with the source's keys, indexes, billing and TTL. Without it a
    /// missing target is an error. Either way, a target whose key schema differs from the source's is an error.
    /// </summary>
    public bool CreateTable { get; init; }

    /// <summary>Copy only the items matching this filter (applied by DynamoDB while scanning the source).</summary>
    public DynamoCondition? Filter { get; init; }

    /// <summary>Receives a progress report about every <see cref="ProgressInterval"/>, and a last one at the end.</summary>
    public IProgress<CopyProgress>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> hears from the copy; 1 second by default.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Called with a new checkpoint after every fully written page of each segment (one call at a time). Persist it
    /// (the command-line tool writes it to a file) and pass it as <see cref="ResumeFrom"/> to continue after a crash.
    /// </summary>
    public Action<CopyCheckpoint>? OnCheckpoint { get; init; }

    /// <summary>A checkpoint of an earlier run of the same copy (same table and segment count): continue where it stopped.</summary>
    public CopyCheckpoint? ResumeFrom { get; init; }
}

using System;

namespace SessionEffects;

/// <summary>Where a whole copy job stands, as its lease table says: segments by state, items written, live workers.</summary>
/// <param name="Job">The job's definition; null when no job of that name was started.</param>
/// <param name="Pending">Segments no worker has claimed yet.</param>
/// <param name="Running">Segments a worker holds an unexpired lease on.</param>
/// <param name="Expired">Segments whose lease ran out before they were done (their worker stopped or died): the next claim takes them over.</param>
/// <param name="Done">Segments fully written.</param>
/// <param name="ItemsWritten">Items written by the checkpointed pages of every segment.</param>
/// <param name="LiveWorkers">Distinct workers holding an unexpired lease.</param>
/// <param name="Takeovers">Claims of a segment after its first (a worker took over from one whose lease had run out).</param>
public sealed record CopyJobStatus(CopyJobDefinition? Job, int Pending, int Running, int Expired, int Done, long ItemsWritten, int LiveWorkers, int Takeovers)
{
    /// <summary>When the job was started (its first worker stored the definition); null when not known.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The last write of any segment's row (a claim, a checkpoint, a renewal, a finish); null before any.</summary>
    public DateTimeOffset? LastActivityAt { get; init; }

    /// <summary>
    /// Items per second over the job so far: <see cref="ItemsWritten"/> over the time from <see cref="StartedAt"/> to the
    /// status's reading (to the last activity once complete). An average: a job whose workers were stopped for a while
    /// shows less than it writes while they run.
    /// </summary>
    public double ItemsPerSecond { get; init; }

    /// <summary>How long the job still needs for <paramref name="totalItems"/> items at <see cref="ItemsPerSecond"/>; zero when complete, null while no rate is known.</summary>
    public TimeSpan? EstimatedTimeLeft(long totalItems) =>
        IsComplete ? TimeSpan.Zero
        : ItemsPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, totalItems - ItemsWritten) / ItemsPerSecond)
        : null;

    /// <summary>Whether every segment is done.</summary>
    public bool IsComplete => Job is { } job && Done == job.Segments;

    /// <summary>The job and its counts in one line.</summary>
    public override string ToString() => Job is null
        ? "no such copy job"
        : $"{Job}: {Done} done, {Running} running, {Expired} expired, {Pending} pending; {ItemsWritten} item(s) written; {LiveWorkers} live worker(s); {Takeovers} takeover(s); {ItemsPerSecond.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} items/s";
}

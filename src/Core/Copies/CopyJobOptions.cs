using System;

namespace SessionEffects;

/// <summary>
/// A copy shared by any number of worker processes through a lease table: the job's name, the lease table, how many
/// segments the table is split into (many more than workers, so a lost worker costs little), how many segments one
/// worker copies at once, the lease timing, and the copy's options (page size, rate limit shared by the whole job,
/// target creation, filter). Every worker of a job must be given the same segment count and copy options: the job
/// stores their digest and refuses a worker whose digest differs.
/// </summary>
public sealed record CopyJobOptions
{
    /// <summary>The lease table's name when none is given.</summary>
    public const string DefaultLeaseTableName = "session-effects-copy-jobs";

    /// <summary>The job's name: every worker given it (and the same lease table) shares the one copy.</summary>
    public required string JobName { get; init; }

    /// <summary>The lease table (created on demand in the lease session's account, named by that session's table naming).</summary>
    public string LeaseTableName { get; init; } = DefaultLeaseTableName;

    /// <summary>Scan segments of the whole job; 1,024 by default.</summary>
    public int Segments { get; init; } = 1024;

    /// <summary>Segments one worker copies at the same time; 4 by default.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>This worker's id in the lease table; by default the machine name, the process id and a random part.</summary>
    public string? WorkerId { get; init; }

    /// <summary>The lease duration, renewal interval and safety margin.</summary>
    public LeaseTiming Timing { get; init; } = new();

    /// <summary>
    /// Whether every lease transition (claim, renewal, checkpoint, takeover, done) is recorded in the segment's own row,
    /// so the history can be audited afterwards: no segment held by two workers at once, every segment done once. Off
    /// by default. It costs no request (the record is part of the conditional write it records), only row size: about
    /// 70 bytes per transition, so more write units per lease write on long segments; a row stops recording after
    /// 4,000 transitions and says so. Part of the job's digest: every worker of a job records, or none.
    /// </summary>
    public bool RecordLeaseHistory { get; init; }

    /// <summary>
    /// The copy's options: page size, rate limit (shared by the whole job: each worker takes the rate divided by the
    /// live workers it counts in the lease table), target creation, filter and progress. Their
    /// <see cref="CopyOptions.Segments"/> is not used (the job's <see cref="Segments"/> is), and a job resumes from its lease
    /// table, so <see cref="CopyOptions.ResumeFrom"/> and <see cref="CopyOptions.OnCheckpoint"/> must not be set.
    /// </summary>
    public CopyOptions Copy { get; init; } = new();

    /// <summary>These options checked.</summary>
    /// <exception cref="ArgumentException">An option is out of range or not usable by a job.</exception>
    internal CopyJobOptions Validated()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(JobName);
        ArgumentException.ThrowIfNullOrWhiteSpace(LeaseTableName);
        ArgumentOutOfRangeException.ThrowIfLessThan(Segments, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Segments, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1);
        ArgumentNullException.ThrowIfNull(Copy);
        _ = Timing.Validated();
        return Copy.ResumeFrom is null && Copy.OnCheckpoint is null ? this
            : throw new ArgumentException("A copy job resumes from its lease table: do not set ResumeFrom or OnCheckpoint in its copy options.", nameof(Copy));
    }
}

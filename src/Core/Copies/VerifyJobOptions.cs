using System;

namespace SessionEffects;

/// <summary>
/// A verify of a copy shared by any number of worker processes through a lease table, as a copy job is: the job's
/// name, the lease table, the segments of each side, how many segments one worker compares at once, the lease timing
/// and how many keys of each kind of difference to keep. The job has twice <see cref="Segments"/> rows: the first half
/// scans the source (each page looked up in the target by key: missing and different items), the second scans the
/// target (each page looked up in the source: extra items). Every worker of a job must be given the same segments,
/// page size, <see cref="MaxReported"/> and lease history setting: the job stores their digest and refuses a worker
/// whose digest differs. Unlike <see cref="VerifyOptions"/> it takes no filter: a target item the filter excludes at
/// the source would need the filter evaluated on the client.
/// </summary>
public sealed record VerifyJobOptions
{
    /// <summary>The job's name: every worker given it (and the same lease table) shares the one verify. Give it a name of its own, not the copy job's.</summary>
    public required string JobName { get; init; }

    /// <summary>The lease table (created on demand in the lease session's account); the copy jobs' default.</summary>
    public string LeaseTableName { get; init; } = CopyJobOptions.DefaultLeaseTableName;

    /// <summary>Scan segments of each side; 256 by default (512 lease rows).</summary>
    public int Segments { get; init; } = 256;

    /// <summary>Segments one worker compares at the same time; 4 by default.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Items per scan page (and per checkpoint); 100 by default.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>How many keys of each kind (missing, extra, different) the job keeps; 20 by default. All are counted.</summary>
    public int MaxReported { get; init; } = 20;

    /// <summary>This worker's id in the lease table; by default the machine name, the process id and a random part.</summary>
    public string? WorkerId { get; init; }

    /// <summary>The lease duration, renewal interval and safety margin.</summary>
    public LeaseTiming Timing { get; init; } = new();

    /// <summary>Whether every lease transition is recorded in the segment's row, as <see cref="CopyJobOptions.RecordLeaseHistory"/>.</summary>
    public bool RecordLeaseHistory { get; init; }

    /// <summary>The lease machinery's options for this job: twice the segments, one per side.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal CopyJobOptions AsLeaseJob()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Segments, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Segments, 500_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxReported);
        return new CopyJobOptions
        {
            JobName = JobName,
            LeaseTableName = LeaseTableName,
            Segments = Segments * 2,
            Concurrency = Concurrency,
            WorkerId = WorkerId,
            Timing = Timing,
            RecordLeaseHistory = RecordLeaseHistory,
            Copy = new CopyOptions { PageSize = PageSize },
        }.Validated();
    }
}

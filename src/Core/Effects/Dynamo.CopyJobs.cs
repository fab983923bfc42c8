using System;
using System.Diagnostics.Contracts;
using System.Linq;
using LanguageExt;

namespace SessionEffects;

/// <summary>Copies shared by many worker processes through a lease table.</summary>
public static partial class Dynamo
{
    /// <summary>
    /// Runs one worker of the copy job <paramref name="job"/> names: from the session the table is bound to when this
    /// runs into <paramref name="target"/>, coordinated through the lease table in <paramref name="leases"/>' account
    /// (created on demand; source, target or a third account). The first worker stores the job's definition; a worker
    /// with other tables or options is refused with <see cref="CopyJobException"/>. The worker claims pending or expired
    /// segments by conditional writes, stores a checkpoint after every fully written page, renews its leases while it
    /// works and returns when every segment of the job is done (by it or by others). A worker of a finished job does
    /// nothing and says so (<see cref="CopyWorkerResult.AlreadyFinished"/>). Cancelling a worker releases nothing: its
    /// leases run out and other workers continue its segments from their checkpoints.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    [Pure]
    public static Aff<SessionEnv, CopyWorkerResult> copyWorker(DynamoTable table, AwsSession target, AwsSession leases, CopyJobOptions job)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(job);
        return withSession(table, (source, ct) => CopyWorker.Run(table, source, target, leases, job, ct));
    }

    /// <summary>
    /// <see cref="copyWorker"/> for a table known by name only (its keys from DescribeTable of <paramref name="source"/>;
    /// each session names it its own way): how the copy tool runs a worker.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    [Pure]
    public static Aff<SessionEnv, CopyWorkerResult> copyWorkerByName(string tableName, AwsSession source, AwsSession target, AwsSession leases, CopyJobOptions job)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(job);
        return byName(tableName, source, target, (table, ct) => CopyWorker.Run(table, source, target, leases, job, ct));
    }

    /// <summary>The progress of the copy job <paramref name="jobName"/> in the lease table <paramref name="leaseTable"/> of <paramref name="leases"/>' account.</summary>
    /// <exception cref="ArgumentException"><paramref name="jobName"/> or <paramref name="leaseTable"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="leases"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, CopyJobStatus> copyJobStatus(AwsSession leases, string jobName, string leaseTable)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseTable);
        return withEnv(async (_, ct) =>
        {
            var lease = LeaseTable.For(leases, new CopyJobOptions { JobName = jobName, LeaseTableName = leaseTable });
            if (await lease.ReadJob(ct).ConfigureAwait(false) is not { } job)
            {
                return new CopyJobStatus(null, 0, 0, 0, 0, 0, 0, 0);
            }

            var rows = await lease.ReadSegments(job.Segments, ct).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            var last = rows.Max(r => r.UpdatedAt);
            var complete = rows.All(r => r.State == SegmentState.Done);
            var items = rows.Sum(r => r.ItemsWritten);
            var seconds = job.CreatedAt is { } started ? ((complete && last is { } end ? end : now) - started).TotalSeconds : 0;
            return new CopyJobStatus(
                job,
                rows.Count(r => r.State == SegmentState.Pending),
                rows.Count(r => r.IsHeld(now)),
                rows.Count(r => r.State == SegmentState.Running && !r.IsHeld(now)),
                rows.Count(r => r.State == SegmentState.Done),
                rows.Sum(r => r.ItemsWritten),
                rows.Where(r => r.IsHeld(now)).Select(r => r.Owner).Distinct(StringComparer.Ordinal).Count(),
                rows.Sum(r => Math.Max(0, r.Claims - 1)))
            {
                StartedAt = job.CreatedAt,
                LastActivityAt = last,
                ItemsPerSecond = seconds > 0 ? items / seconds : 0,
            };
        });
    }
}

using System;
using System.Diagnostics.Contracts;
using System.Linq;
using LanguageExt;

namespace SessionEffects;

/// <summary>Verifies shared by many worker processes through a lease table.</summary>
public static partial class Dynamo
{
    /// <summary>
    /// Runs one worker of the verify job <paramref name="job"/> names: compares the table in the session it is bound to
    /// when this runs (the source) with <paramref name="target"/>, coordinated through the lease table in
    /// <paramref name="leases"/>' account exactly as a copy job is (claims, renewals, takeovers from the checkpoint after
    /// every page; a worker with other options is refused with <see cref="CopyJobException"/>). Half the job's segments
    /// scan the source and look each page up in the target (missing, different), half scan the target and look it up in
    /// the source (extra); each segment's counts and first keys are stored in its lease row with every checkpoint. Returns
    /// when every segment is done, with the whole job's result in <see cref="VerifyResult"/>'s shape: the counts
    /// <see cref="verifyCopy"/> gives for the same tables (without a filter).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    [Pure]
    public static Aff<SessionEnv, VerifyWorkerResult> verifyWorker(DynamoTable table, AwsSession target, AwsSession leases, VerifyJobOptions job)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(job);
        return withSession(table, (source, ct) => VerifyWorker.Run(table, source, target, leases, job, TimeProvider.System, ct));
    }

    /// <summary><see cref="verifyWorker"/> for a table known by name only (its keys from DescribeTable of <paramref name="source"/>): how the copy tool runs one.</summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    [Pure]
    public static Aff<SessionEnv, VerifyWorkerResult> verifyWorkerByName(string tableName, AwsSession source, AwsSession target, AwsSession leases, VerifyJobOptions job)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(job);
        return byName(tableName, source, target, (table, ct) => VerifyWorker.Run(table, source, target, leases, job, TimeProvider.System, ct));
    }

    /// <summary>
    /// The result of the verify job <paramref name="jobName"/> in <paramref name="leaseTable"/> of <paramref name="leases"/>'
    /// account once every segment is done (the first <paramref name="maxReported"/> keys of each kind); None while it is
    /// not complete or there is no such job (nor lease table).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="jobName"/> or <paramref name="leaseTable"/> is empty, or <paramref name="maxReported"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="leases"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Option<VerifyResult>> verifyJobResult(AwsSession leases, string jobName, string leaseTable, int maxReported)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseTable);
        ArgumentOutOfRangeException.ThrowIfNegative(maxReported);
        return withEnv(async (_, ct) =>
        {
            var lease = LeaseTable.For(leases, new CopyJobOptions { JobName = jobName, LeaseTableName = leaseTable });
            CopyJobDefinition? job;
            try
            {
                job = await lease.ReadJob(ct).ConfigureAwait(false);
            }
            catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
            {
                job = null; // no lease table yet: no job has started, so there is no result
            }

            if (job is null)
            {
                return Option<VerifyResult>.None;
            }

            var rows = await lease.ReadSegments(job.Segments, ct).ConfigureAwait(false);
            return rows.All(r => r.State == SegmentState.Done && r.Tally is not null)
                ? Option<VerifyResult>.Some(VerifyWorker.Sum(rows, maxReported))
                : Option<VerifyResult>.None;
        });
    }
}

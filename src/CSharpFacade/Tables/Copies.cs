using System;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>Copies and verifies tables the program has no class for, by name (keys, indexes, billing and TTL from DescribeTable of the source).</summary>
public static class Copies
{
    /// <summary>Copies table <paramref name="tableName"/> from <paramref name="source"/> into <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CopyInterruptedException">A failure stopped the copy; its <c>Checkpoint</c> says where to resume.</exception>
    public static Task<CopyResult> CopyTableAsync(string tableName, AwsSession source, AwsSession target, CopyOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.copyTableByName(tableName, source, target, options), cancellationToken);

    /// <summary>
    /// DescribeTable of <paramref name="tableName"/> in <paramref name="session"/> (a copy's source, to size its progress):
    /// a failure names the table, the operation and the masked session.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    public static Task<Amazon.DynamoDBv2.Model.TableDescription> DescribeTableAsync(string tableName, AwsSession session, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.describeTableByName(tableName, session), cancellationToken);

    /// <summary>Compares table <paramref name="tableName"/> in <paramref name="source"/> and <paramref name="target"/>, item by item.</summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Task<VerifyResult> VerifyCopyAsync(string tableName, AwsSession source, AwsSession target, VerifyOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.verifyCopyByName(tableName, source, target, options), cancellationToken);

    /// <summary>
    /// Runs one worker of the copy job <paramref name="job"/> names for table <paramref name="tableName"/> (keys from
    /// DescribeTable of <paramref name="source"/>), from <paramref name="source"/> into <paramref name="target"/>,
    /// coordinated through the lease table in <paramref name="leases"/>' account; returns when every segment is done.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CopyJobException">The job was started with other tables or options.</exception>
    public static Task<CopyWorkerResult> RunCopyWorkerAsync(string tableName, AwsSession source, AwsSession target, AwsSession leases, CopyJobOptions job, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.copyWorkerByName(tableName, source, target, leases, job), cancellationToken);

    /// <summary>The progress of the copy job <paramref name="jobName"/> in <paramref name="leaseTable"/> of <paramref name="leases"/>' account: segments by state, items, live workers.</summary>
    /// <exception cref="ArgumentException"><paramref name="jobName"/> or <paramref name="leaseTable"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="leases"/> is null.</exception>
    public static Task<CopyJobStatus> CopyJobStatusAsync(AwsSession leases, string jobName, string leaseTable = CopyJobOptions.DefaultLeaseTableName, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.copyJobStatus(leases, jobName, leaseTable), cancellationToken);

    /// <summary>
    /// Backfills table <paramref name="tableName"/> through <paramref name="mirrored"/> (made by <see cref="AwsSession.Mirrored"/>):
    /// the primary copied into the secondary by conditional puts, resumable from <see cref="BackfillOptions.ResumeFrom"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="mirrored"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="mirrored"/> is not mirrored.</exception>
    public static Task<BackfillResult> BackfillAsync(string tableName, AwsSession mirrored, BackfillOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.backfillByName(tableName, mirrored, options), cancellationToken);

    /// <summary>Reconciles table <paramref name="tableName"/> through <paramref name="mirrored"/>: compared and repaired from the primary until a pass finds no difference.</summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="mirrored"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="mirrored"/> is not mirrored.</exception>
    public static Task<ReconcileResult> ReconcileAsync(string tableName, AwsSession mirrored, ReconcileOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.reconcileByName(tableName, mirrored, options), cancellationToken);

    /// <summary>
    /// Runs one worker of the verify job <paramref name="job"/> names for table <paramref name="tableName"/> (keys from
    /// DescribeTable of <paramref name="source"/>), comparing <paramref name="source"/> with <paramref name="target"/>
    /// through the lease table in <paramref name="leases"/>' account; returns when every segment is done, with the job's result.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CopyJobException">The job was started with other tables or options.</exception>
    public static Task<VerifyWorkerResult> RunVerifyWorkerAsync(string tableName, AwsSession source, AwsSession target, AwsSession leases, VerifyJobOptions job, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.verifyWorkerByName(tableName, source, target, leases, job), cancellationToken);

    /// <summary>The result of the verify job <paramref name="jobName"/> once every segment is done (the first <paramref name="maxReported"/> keys of each kind); null while it is not complete or there is no such job.</summary>
    /// <exception cref="ArgumentException"><paramref name="jobName"/> or <paramref name="leaseTable"/> is empty, or <paramref name="maxReported"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="leases"/> is null.</exception>
    public static async Task<VerifyResult?> VerifyJobResultAsync(AwsSession leases, string jobName, string leaseTable = CopyJobOptions.DefaultLeaseTableName, int maxReported = 20, CancellationToken cancellationToken = default) =>
        (await Sessions.RunAsync(Dynamo.verifyJobResult(leases, jobName, leaseTable, maxReported), cancellationToken).ConfigureAwait(false)).MatchUnsafe(r => r, () => (VerifyResult?)null);
}

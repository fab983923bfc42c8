using System;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>Copy jobs shared by many worker processes, mirroring the core's <c>Dynamo.CopyJobs.cs</c>.</summary>
public static partial class TableOperations
{
    /// <summary>
    /// Runs one worker of the copy job <paramref name="job"/> names, from the session the table is bound to here into
    /// <paramref name="target"/>, coordinated through the lease table in <paramref name="leases"/>' account; returns
    /// when every segment of the job is done. Cancelling it releases nothing: other workers take its segments over
    /// when its leases run out.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CopyJobException">The job was started with other tables or options.</exception>
    public static Task<CopyWorkerResult> RunCopyWorkerAsync(this DynamoTable table, AwsSession target, AwsSession leases, CopyJobOptions job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(job);
        return Sessions.RunAsync(Dynamo.copyWorker(Check(table), target, leases, job), cancellationToken);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// One worker of a verify job (<see cref="VerifyRun"/>): stores or checks the job's definition as a copy worker does
/// (a worker with other options is refused), runs its slots until every segment of both sides is done, then reads the
/// job's result from the lease table: every segment's tally added.
/// </summary>
internal static class VerifyWorker
{
    /// <summary>Runs a worker of <paramref name="verify"/>' job on <paramref name="time"/>'s clock.</summary>
    /// <exception cref="CopyJobException">The job was started with other tables or options.</exception>
    public static async Task<VerifyWorkerResult> Run(DynamoTable table, AwsSession source, AwsSession target, AwsSession leases, VerifyJobOptions verify, TimeProvider time, CancellationToken ct)
    {
        var options = verify.AsLeaseJob();
        var worker = options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var (from, into) = (PhysicalTable.In(source, table), PhysicalTable.In(target, table));
        var sourceScan = ReadSpec.ForScan(table, new ScanOptions { PageSize = verify.PageSize }).In(from.Name);
        var targetScan = ReadSpec.ForScan(table, new ScanOptions { PageSize = verify.PageSize }).In(into.Name);

        // The copy job's digest with the kind and the kept keys in the filter's place: a copy job's filter text is "-"
        // or starts with a filter expression, which "verify-job" cannot be, so a copy worker given a verify job's name
        // (or the other way round) is refused too.
        var kind = string.Create(CultureInfo.InvariantCulture, $"verify-job|max-reported={verify.MaxReported}");
        var definition = CopyJobDefinition.Of(options.JobName, from.Name, into.Name, CopyCheckpoint.KeySchemaOf(table), options, kind);
        var lease = LeaseTable.For(leases, options);
        await lease.Ensure(ct).ConfigureAwait(false);
        var stored = await lease.ReadJob(ct).ConfigureAwait(false) ?? await lease.Define(definition with { CreatedAt = time.GetUtcNow() }, worker, ct).ConfigureAwait(false);
        if (stored.Digest != definition.Digest)
        {
            throw new CopyJobException(
                $"Worker {worker} refused by verify job {stored.JobName}: it was started with other tables or options ({stored.SourceName} against {stored.TargetName}, {stored.Segments} lease row(s), digest {stored.Digest}); this worker has {definition.SourceName} against {definition.TargetName}, {definition.Segments} lease row(s) (segments, page size, kept keys), digest {definition.Digest}. Start every worker of a job with the same options, or give this verify another job name.");
        }

        var rows = await lease.ReadSegments(stored.Segments, ct).ConfigureAwait(false);
        if (rows.All(r => r.State == SegmentState.Done))
        {
            return new VerifyWorkerResult(stored, worker, 0, 0, AlreadyFinished: true, Sum(rows, verify.MaxReported));
        }

        var run = new VerifyRun(worker, stored, sourceScan, targetScan, from, into, source, target, lease, options, verify.MaxReported, time);
        await CopyWorker.Slots(run, options.Concurrency, ct).ConfigureAwait(false);
        var done = run.Result();
        rows = await lease.ReadSegments(stored.Segments, ct).ConfigureAwait(false);
        return new VerifyWorkerResult(stored, worker, done.SegmentsCompleted, done.Takeovers, AlreadyFinished: false, Sum(rows, verify.MaxReported));
    }

    /// <summary>The job's result from its rows: counts added, the first <paramref name="max"/> keys of each kind in segment order.</summary>
    public static VerifyResult Sum(IEnumerable<SegmentLease> rows, int max) =>
        rows.Aggregate(VerifyTally.Empty, (sum, row) => sum.Plus(row.Tally ?? VerifyTally.Empty, max)).ToResult();
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// One worker of a copy job: claims pending or expired segments in the lease table by conditional writes, copies each
/// with the copy engine's page scan, batch writer and pacing, stores the checkpoint after every fully written page (a
/// checkpoint renews the lease), renews in the background while a page takes long, and marks the segment done. It
/// writes a segment only while <see cref="LeaseHold.MayWrite"/> allows and cancels a write when the safety margin is
/// reached; a failed conditional write means another worker has the segment, and this one leaves it at once. Ends when
/// every segment of the job is done. A cancelled worker releases nothing: its leases run out and others take over.
/// </summary>
internal static class CopyWorker
{
    /// <summary>Runs a worker of <paramref name="options"/>' job on the system clock.</summary>
    public static Task<CopyWorkerResult> Run(DynamoTable table, AwsSession source, AwsSession target, AwsSession leases, CopyJobOptions options, CancellationToken ct) =>
        Run(table, source, target, leases, options, TimeProvider.System, ct);

    /// <summary>Runs a worker on <paramref name="time"/>'s clock.</summary>
    /// <exception cref="CopyJobException">The job was started with other tables or options.</exception>
    internal static async Task<CopyWorkerResult> Run(DynamoTable table, AwsSession source, AwsSession target, AwsSession leases, CopyJobOptions options, TimeProvider time, CancellationToken ct)
    {
        options = options.Validated();
        var worker = options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var (from, into) = (PhysicalTable.In(source, table), PhysicalTable.In(target, table));
        var scan = ReadSpec.ForScan(table, new ScanOptions { Filter = options.Copy.Filter, PageSize = options.Copy.PageSize }).In(from.Name);
        var definition = CopyJobDefinition.Of(options.JobName, from.Name, into.Name, CopyCheckpoint.KeySchemaOf(table), options, FilterText(scan));
        _ = Pacing.For(options.Copy); // refuses both limits or a bad rate before anything is sent

        var lease = LeaseTable.For(leases, options);
        await lease.Ensure(ct).ConfigureAwait(false);
        var stored = await lease.ReadJob(ct).ConfigureAwait(false);
        if (stored is null || stored.Digest == definition.Digest)
        {
            await EnsureTarget(from, into, source, target, options.Copy.CreateTable, ct).ConfigureAwait(false);
            stored ??= await lease.Define(definition with { CreatedAt = time.GetUtcNow() }, worker, ct).ConfigureAwait(false);
        }

        if (stored.Digest != definition.Digest)
        {
            throw new CopyJobException(
                $"Worker {worker} refused by {stored}: it was started with other tables or options ({stored.SourceName} into {stored.TargetName}, {stored.Segments} segment(s), digest {stored.Digest}); this worker has {definition.SourceName} into {definition.TargetName}, {definition.Segments} segment(s), digest {definition.Digest}. Start every worker of a job with the same options, or give this copy another job name.");
        }

        if ((await lease.ReadSegments(stored.Segments, ct).ConfigureAwait(false)).All(r => r.State == SegmentState.Done))
        {
            return new CopyWorkerResult(stored, worker, 0, 0, 0, AlreadyFinished: true);
        }

        var run = new WorkerRun(worker, stored, scan, source, into, target, lease, options, time);
        await Slots(run, options.Concurrency, ct).ConfigureAwait(false);
        return run.Result();
    }

    /// <summary>Runs <paramref name="concurrency"/> slots of <paramref name="run"/> until the job is done; the first failing slot stops the others and its failure is thrown.</summary>
    internal static async Task Slots(WorkerRun run, int concurrency, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var slots = Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            try
            {
                await run.Slot(stop.Token).ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }));
        await slots.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (slots.IsFaulted || slots.IsCanceled)
        {
            ct.ThrowIfCancellationRequested();
            throw slots.Exception!.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? slots.Exception.InnerException!;
        }
    }

    /// <summary>The filter as the scan sends it, for the job's digest.</summary>
    internal static string FilterText(ReadSpec scan)
    {
        var request = scan.ToScan(null, countOnly: false);
        if (string.IsNullOrEmpty(request.FilterExpression))
        {
            return "-";
        }

        var names = string.Join(",", (request.ExpressionAttributeNames ?? []).OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => $"{n.Key}={n.Value}"));
        var values = ItemDigest.Of(request.ExpressionAttributeValues ?? []).ToString(CultureInfo.InvariantCulture);
        return $"{request.FilterExpression}|{names}|{values}";
    }

    /// <summary>The target checked or created; a creation another worker started first is waited for.</summary>
    internal static async Task EnsureTarget(PhysicalTable from, PhysicalTable into, AwsSession source, AwsSession target, bool create, CancellationToken ct)
    {
        try
        {
            await TargetTable.Ensure(from, into, source, target, create, ct).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            await SessionCall.Run(target, "DescribeTable", into, (db, token) => TableWait.Active(db, into.Name, TimeSpan.FromMinutes(5), token), ct).ConfigureAwait(false);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The state of one running worker: its slots claim and copy segments one at a time each; the counts and the pacing
/// (the job's rate divided by the live workers last counted in the lease table) are shared by the slots. What a held
/// segment's pages do is <see cref="Pages"/>: a copy writes them to the target; a verify job
/// (<see cref="VerifyRun"/>) compares them with the other side and keeps the claims, renewals, takeovers and
/// checkpoints of this class.
/// </summary>
internal class WorkerRun(
    string worker, CopyJobDefinition job, ReadSpec scan, AwsSession source, PhysicalTable into, AwsSession target, LeaseTable lease, CopyJobOptions options, TimeProvider time)
{
    private readonly LeaseTiming timing = options.Timing;
    private readonly Lock gate = new();
    private Pacing pacing = Pacing.For(options.Copy, time);
    private int pacedFor = 1;
    private int completed;
    private int takeovers;
    private long written;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What this worker did.</summary>
    public CopyWorkerResult Result() => new(job, worker, Volatile.Read(ref completed), Interlocked.Read(ref written), Volatile.Read(ref takeovers), AlreadyFinished: false);

    /// <summary>Claims and copies segments until every segment of the job is done.</summary>
    public async Task Slot(CancellationToken ct)
    {
        while (true)
        {
            // Taken before the read, so a segment finished by another slot after it wakes this one.
            var finished = Volatile.Read(ref changed).Task;
            var rows = await lease.ReadSegments(job.Segments, ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (rows.All(r => r.State == SegmentState.Done))
            {
                return;
            }

            Share(rows, now);
            var claimable = rows.Where(r => r.IsClaimable(now)).ToArray();
            if (claimable.Length == 0)
            {
                // Every open segment is held: wait for the first lease that may run out (or a renewal interval).
                var first = rows.Where(r => r.IsHeld(now)).Min(r => r.ExpiresAt!.Value);
                var wait = TimeSpan.FromTicks(Math.Clamp((first - now).Ticks, TimeSpan.FromMilliseconds(50).Ticks, timing.RenewInterval.Ticks));
                await Task.WhenAny(Task.Delay(wait, time, ct), finished).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                continue;
            }

            // Start at a random claimable segment so that workers starting together do not all race for the first.
            var candidate = claimable[Random.Shared.Next(claimable.Length)];
            var claimed = candidate.ClaimedBy(worker, now, timing).Stamped(now, options.RecordLeaseHistory);
            if (await lease.TryWrite(claimed, candidate.Version, ct).ConfigureAwait(false))
            {
                if (candidate.State == SegmentState.Running)
                {
                    Interlocked.Increment(ref takeovers);
                }

                await Copy(new SegmentCopy(claimed), ct).ConfigureAwait(false);

                // The slots of this worker waiting for a lease to run out look again now: the job may be done. (Other
                // workers' waiting slots look again by their own clock, at most a renewal interval later.)
                Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
    }

    /// <summary>The rate divided by the live workers (distinct owners of unexpired leases, this worker included).</summary>
    private void Share(SegmentLease[] rows, DateTimeOffset now)
    {
        if (options.Copy.ItemsPerSecond is null && options.Copy.WriteUnitsPerSecond is null)
        {
            return;
        }

        var live = rows.Where(r => r.IsHeld(now)).Select(r => r.Owner).Append(worker).Distinct(StringComparer.Ordinal).Count();
        lock (gate)
        {
            if (live != pacedFor)
            {
                pacedFor = live;
                pacing = Pacing.For(options.Copy with { ItemsPerSecond = options.Copy.ItemsPerSecond / live, WriteUnitsPerSecond = options.Copy.WriteUnitsPerSecond / live }, time);
            }
        }
    }

    /// <summary>Copies one held segment from its checkpoint; returns when it is done or the lease is lost.</summary>
    private async Task Copy(SegmentCopy segment, CancellationToken ct)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var heartbeat = new CancellationTokenSource();
        var beats = Heartbeat(segment, lost, heartbeat.Token);
        try
        {
            await Pages(segment, lost.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && segment.Hold.Lost)
        {
            // The lease went to another worker mid-page; that worker writes the page again from the checkpoint.
        }
        finally
        {
            await heartbeat.CancelAsync().ConfigureAwait(false);
            await beats.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The job as its lease table stores it.</summary>
    protected CopyJobDefinition Job => job;

    /// <summary>The scan of the table the pages are read from (the source, for a copy).</summary>
    protected ReadSpec Scan => scan;

    /// <summary>The source's session.</summary>
    protected AwsSession Source => source;

    /// <summary>The target's session.</summary>
    protected AwsSession Target => target;

    /// <summary>The target table as the target's session names it.</summary>
    protected PhysicalTable Into => into;

    /// <summary>The job's lease timing.</summary>
    protected LeaseTiming Timing => timing;

    /// <summary>Counts one more segment finished by this worker.</summary>
    protected void Completed() => Interlocked.Increment(ref completed);

    /// <summary>Works through a held segment's pages from its checkpoint: here, copies them into the target.</summary>
    protected virtual async Task Pages(SegmentCopy segment, CancellationToken ct)
    {
        var spec = scan.ForSegment(segment.Hold.Lease.Segment, job.Segments);
        var start = segment.Hold.Lease.Checkpoint is { } checkpoint ? new Dictionary<string, AttributeValue>(checkpoint) : null;
        while (true)
        {
            var page = await Reader.Page(spec, source, start, countOnly: false, ct).ConfigureAwait(false);
            foreach (var chunk in page.Items.Chunk(BatchWriter.ChunkSize))
            {
                Pacing current;
                lock (gate)
                {
                    current = pacing;
                }

                await current.Acquire(current.ByWriteUnits ? chunk.Sum(ItemSize.WriteUnits) : chunk.Length, ct).ConfigureAwait(false);
                if (segment.Hold.RenewalDue(time.GetUtcNow(), timing))
                {
                    await Store(segment, (l, now) => l.Renewed(now, timing), ct).ConfigureAwait(false);
                }

                var budget = segment.Hold.WriteBudget(time.GetUtcNow(), timing);
                if (budget <= TimeSpan.Zero)
                {
                    return; // too little lease left to start a write: leave the segment to whoever takes it over
                }

                // The write is cancelled when the margin is reached, so it cannot outlast the lease.
                using var deadline = new CancellationTokenSource(budget, time);
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
                await SessionCall.Run(target, "BatchWriteItem", into, (db, token) =>
                    BatchWriter.WriteChunk(db, into.Name, [.. chunk.Select(item => new WriteRequest(new PutRequest(item)))], target, token), bounded.Token).ConfigureAwait(false);
                Interlocked.Add(ref written, chunk.Length);
            }

            var last = page.Last is not { Count: > 0 };
            var count = page.Items.Count;
            var stored = await Store(segment, (l, now) => last ? l.Finished(count) : l.Checkpointed(page.Last!, count, now, timing), ct).ConfigureAwait(false);
            if (!stored)
            {
                return;
            }

            if (last)
            {
                Interlocked.Increment(ref completed);
                return;
            }

            start = page.Last;
        }
    }

    /// <summary>Renews the lease whenever it is due while a page is read, paced or written; a lost lease cancels the segment.</summary>
    private async Task Heartbeat(SegmentCopy segment, CancellationTokenSource lost, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && !segment.Hold.Lost)
        {
            var due = segment.Hold.Lease.ExpiresAt!.Value - timing.LeaseDuration + timing.RenewInterval - time.GetUtcNow();
            await Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, time, ct).ConfigureAwait(false);
            try
            {
                await Store(segment, (l, now) => l.Renewed(now, timing), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A renewal that did not get through keeps the older expiry (the safe side); the next beat tries again.
                await Task.Delay(timing.RenewInterval / 4, time, ct).ConfigureAwait(false);
            }

            if (segment.Hold.Lost)
            {
                await lost.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One conditional write of the held row (one at a time per segment); false and the hold lost when another worker changed the row.</summary>
    protected async Task<bool> Store(SegmentCopy segment, Func<SegmentLease, DateTimeOffset, SegmentLease> transition, CancellationToken ct)
    {
        await segment.Writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var hold = segment.Hold;
            if (hold.Lost || hold.Lease.State == SegmentState.Done)
            {
                return false;
            }

            var now = time.GetUtcNow();
            var next = transition(hold.Lease, now).Stamped(now, options.RecordLeaseHistory);
            var stored = await lease.TryWrite(next, hold.Lease.Version, ct).ConfigureAwait(false);
            segment.Hold = stored ? new LeaseHold(next) : hold with { Lost = true };
            return stored;
        }
        finally
        {
            segment.Writing.Release();
        }
    }

    /// <summary>A segment this worker holds: its hold (replaced by each successful write) and the gate that orders its writes.</summary>
    protected sealed class SegmentCopy(SegmentLease claimed)
    {
        private LeaseHold hold = new(claimed);

        public SemaphoreSlim Writing { get; } = new(1, 1);

        public LeaseHold Hold
        {
            get => Volatile.Read(ref hold);
            set => Volatile.Write(ref hold, value);
        }
    }
}

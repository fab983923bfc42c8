using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Copies a mirrored table's primary into its secondary while the application keeps writing through the mirror.
/// </summary>
/// <remarks>
/// <para>The mechanism: every item scanned from the primary (consistent reads) is put into the secondary only where the
/// secondary has no item with that key (<c>attribute_not_exists</c> of the hash key); while the backfill runs the mirror
/// records each delete as a tombstone <em>before</em> it deletes on the secondary; when the last put is done, every
/// tombstoned key is repaired (read from the primary, written or deleted on the secondary, under the key's stripe).</para>
/// <para>Why nothing older overwrites anything newer: the secondary holds, for any key, either nothing, a backfilled
/// state, or a mirrored state. A mirrored state is the primary's state after a write accepted later than nothing at
/// all — it always wins over the backfill, because the backfill never overwrites (its condition fails: counted as
/// <see cref="BackfillResult.AlreadyThere"/>), and a mirrored put overwrites a backfilled state unconditionally.
/// So a scanned state S0 followed by an update to S1: whichever of the backfill's put and the mirror's put comes first,
/// the secondary ends at S1.</para>
/// <para>Why nothing deleted comes back: scan read S0, then the primary deletes the key (D), the mirror records the
/// tombstone (T) and deletes on the secondary (SD), in that order. If the backfill's put P comes before SD, SD removes
/// it. If P comes after SD, then T came before P, P came before the end of the backfill, and the tombstone repair
/// after the end reads the primary (no item) and deletes the key on the secondary. A delete after the backfill's end
/// has no backfill put after it. A secondary write that failed is a dirty key, repaired by the reconcile.</para>
/// <para>Resumable: a checkpoint follows every page whose puts are all done (<see cref="BackfillOptions.OnCheckpoint"/>);
/// a run resumed from it reads on from there. Tombstones live in the process, so a resumed run repairs only the
/// deletes it saw; the migration's reconcile finds any other.</para>
/// <para>What this does not see: deletes made by another process (its mirror keeps its own tombstones). For those, and
/// for writes of one key by two processes that reach the secondary out of order, the migration's reconcile compares the
/// whole table and repairs each difference from the primary; rerunning a backfill is always safe.</para>
/// </remarks>
internal static class Backfill
{
    public static async Task<BackfillResult> Run(DynamoTable table, SessionMirror mirror, BackfillOptions options, CancellationToken ct)
    {
        if (options.Segments < 1 || options.Concurrency < 1 || options.PageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "BackfillOptions.Segments, Concurrency and PageSize must be at least 1.");
        }

        var primary = mirror.Primary;
        var secondary = mirror.Secondary;
        var from = PhysicalTable.In(primary, table);
        var secondaryName = PhysicalTable.In(secondary, table).Name;
        var hash = table.HashKey.AttributeName;
        var segments = options.Segments;
        var scan = ReadSpec.ForScan(table, new ScanOptions { PageSize = options.PageSize, ConsistentRead = true }).In(from.Name);

        // A checkpoint to resume from is checked whole (table, key schema, segments, every token) before anything is sent.
        var checkpoint = CopyEngine.Resume(table, from, options.ResumeFrom, segments);
        var starts = CopyEngine.Starts(scan, checkpoint, primary);
        var pacing = Pacing.For(new CopyOptions { ItemsPerSecond = options.ItemsPerSecond });
        using var puts = new SemaphoreSlim(options.Concurrency);
        var clock = Stopwatch.StartNew();
        var gate = new Lock();
        long scanned = 0, written = 0, there = 0;
        var writtenBefore = checkpoint.ItemsWritten;
        var done = checkpoint.Positions.Count(p => p.Done);
        CopyProgress Progress() => new(Interlocked.Read(ref scanned), Interlocked.Read(ref written), 0,
            Interlocked.Read(ref written) / Math.Max(clock.Elapsed.TotalSeconds, 0.001), Volatile.Read(ref done), segments, clock.Elapsed)
        {
            TotalItemsWritten = writtenBefore + Interlocked.Read(ref written),
        };

        async Task<bool> Put(Dictionary<string, AttributeValue> item, CancellationToken token)
        {
            await puts.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await pacing.Acquire(1, token).ConfigureAwait(false);
                var request = new PutItemRequest
                {
                    TableName = secondaryName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#k)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#k"] = hash },
                };
                await SessionCall.Run(secondary, "PutItem", "table " + secondaryName, (db, t) => db.PutItemAsync(request, t), token).ConfigureAwait(false);
                Interlocked.Increment(ref written);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                Interlocked.Increment(ref there);
                return false;
            }
            finally
            {
                puts.Release();
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        async Task Segment(int segment)
        {
            var spec = scan.ForSegment(segment, segments);
            var start = starts[segment];
            lock (gate)
            {
                if (checkpoint.Positions[segment].Done)
                {
                    return;
                }
            }

            while (true)
            {
                var page = await Reader.Page(spec, primary, start, countOnly: false, stop.Token).ConfigureAwait(false);
                Interlocked.Add(ref scanned, page.Items.Count);
                var put = (await Task.WhenAll(page.Items.Select(item => Put(item, stop.Token))).ConfigureAwait(false)).Count(p => p);
                var last = page.Last is not { Count: > 0 };
                var token = last ? null : spec.TokenAfter(primary.ReachTag, page.Last);
                lock (gate)
                {
                    // One checkpoint at a time, each a superset of the one before: the page's puts are all done.
                    var before = checkpoint.Positions[segment];
                    checkpoint = checkpoint.With(segment, new SegmentPosition(last, token) { ItemsRead = before.ItemsRead + page.Items.Count, ItemsWritten = before.ItemsWritten + put });
                    options.OnCheckpoint?.Invoke(checkpoint);
                }

                if (last)
                {
                    Interlocked.Increment(ref done);
                    return;
                }

                start = page.Last;
            }
        }

        async Task Guarded(int segment)
        {
            try
            {
                await Segment(segment).ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        IReadOnlyList<MirrorKey> tombstones;
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporter = options.Progress is { } progress ? CopyEngine.Report(progress, options.ProgressInterval, Progress, reporting.Token) : Task.CompletedTask;
        try
        {
            using (mirror.TrackTombstones())
            {
                var all = Task.WhenAll(Enumerable.Range(0, segments).Select(Guarded));
                await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (all.IsFaulted || all.IsCanceled)
                {
                    ct.ThrowIfCancellationRequested();
                    var failure = all.Exception!.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? all.Exception.InnerException!;
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }

                // Every put of this backfill is done: what was deleted meanwhile is made to match the primary now.
                tombstones = mirror.TakeTombstones();
                await MirrorReplica.RepairAsync(mirror, tombstones, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await reporting.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            options.Progress?.Report(Progress());
        }

        return new BackfillResult(scanned, written, there, tombstones.Count) { Checkpoint = checkpoint };
    }
}

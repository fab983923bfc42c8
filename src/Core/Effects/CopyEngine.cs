using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Copies a table between sessions: every segment reads its pages from the source and writes each page to the target
/// (idempotent puts of whole items, in batches of 25, paced by the shared rate limit) before it moves its checkpoint
/// on, so a checkpoint never claims an item that is not written. Memory stays at one page per segment. The first
/// failure that retries cannot cure stops every segment and surfaces as <see cref="CopyInterruptedException"/> with the
/// latest checkpoint.
/// </summary>
internal static class CopyEngine
{
    /// <summary>Copies <paramref name="table"/>'s items from <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static async Task<CopyResult> Run(DynamoTable table, AwsSession source, AwsSession target, CopyOptions options, CancellationToken ct)
    {
        var segments = options.Segments is >= 1 and <= 1_000_000 ? options.Segments
            : throw new ArgumentOutOfRangeException(nameof(options), options.Segments, "Segments must be 1 to 1,000,000.");
        // Each side names the table its own way: orders in production can be copied into dev-orders in dev.
        var (from, into) = (PhysicalTable.In(source, table), PhysicalTable.In(target, table));
        var scan = ReadSpec.ForScan(table, new ScanOptions { Filter = options.Filter, PageSize = options.PageSize }).In(from.Name);

        // The whole checkpoint is checked (its checksum by FromJson; physical table, key schema, segments and every token
        // here, against this read and this source session) before anything is created, read or written.
        var checkpoint = Resume(table, from, options.ResumeFrom, segments);
        var starts = Starts(scan, checkpoint, source);
        var pacing = Pacing.For(options);
        var clock = Stopwatch.StartNew();
        var created = await TargetTable.Ensure(from, into, source, target, options.CreateTable, ct).ConfigureAwait(false);

        long read = 0, written = 0, retried = 0;
        var writtenBefore = checkpoint.ItemsWritten;
        var done = checkpoint.Positions.Count(p => p.Done);
        var gate = new Lock();
        CopyProgress Progress() => new(Interlocked.Read(ref read), Interlocked.Read(ref written), Interlocked.Read(ref retried),
            Interlocked.Read(ref written) / Math.Max(clock.Elapsed.TotalSeconds, 0.001), Volatile.Read(ref done), segments, clock.Elapsed)
        {
            TotalItemsWritten = writtenBefore + Interlocked.Read(ref written),
        };

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporter = options.Progress is { } progress ? Report(progress, options.ProgressInterval, Progress, reporting.Token) : Task.CompletedTask;

        async Task CopySegment(int segment)
        {
            var spec = scan.ForSegment(segment, segments);
            SegmentPosition position;
            lock (gate)
            {
                position = checkpoint.Positions[segment];
            }

            if (position.Done)
            {
                return;
            }

            var start = starts[segment];
            while (true)
            {
                var page = await Reader.Page(spec, source, start, countOnly: false, stop.Token).ConfigureAwait(false);
                Interlocked.Add(ref read, page.Items.Count);
                foreach (var chunk in page.Items.Chunk(BatchWriter.ChunkSize))
                {
                    var cost = pacing.ByWriteUnits ? chunk.Sum(ItemSize.WriteUnits) : chunk.Length;
                    await pacing.Acquire(cost, stop.Token).ConfigureAwait(false);
                    Interlocked.Add(ref retried, await Write(into, target, chunk, stop.Token).ConfigureAwait(false));
                    Interlocked.Add(ref written, chunk.Length);
                }

                var last = page.Last is not { Count: > 0 };
                var token = last ? null : spec.TokenAfter(source.ReachTag, page.Last);
                lock (gate)
                {
                    var before = checkpoint.Positions[segment];
                    var next = new SegmentPosition(last, token) { ItemsRead = before.ItemsRead + page.Items.Count, ItemsWritten = before.ItemsWritten + page.Items.Count };

                    // One checkpoint at a time, each a superset of the one before: the callback may persist it as is.
                    checkpoint = checkpoint.With(segment, next);
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
                await CopySegment(segment).ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var copies = Task.WhenAll(Enumerable.Range(0, segments).Select(Guarded));
        try
        {
            await copies.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            await reporting.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            options.Progress?.Report(Progress());
        }

        if (copies.IsFaulted || copies.IsCanceled)
        {
            ct.ThrowIfCancellationRequested();
            var failure = copies.Exception!.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? copies.Exception.InnerException!;
            CopyCheckpoint latest;
            lock (gate)
            {
                latest = checkpoint;
            }

            throw new CopyInterruptedException(
                $"Copy of table {from.Name} into {(into.Name == from.Name ? string.Empty : $"table {into.Name} of ")}{target} stopped: {failure.Message} Everything up to the checkpoint ({latest}) is written; when the cause is fixed, the copy can resume from it.",
                latest,
                failure);
        }

        return new CopyResult(read, written, retried, segments, clock.Elapsed, created, checkpoint)
        {
            TotalItemsRead = checkpoint.ItemsRead,
            TotalItemsWritten = checkpoint.ItemsWritten,
        };
    }

    /// <summary>
    /// Refuses a checkpoint of another table or segment count before anything is sent (for a copy by name, before the
    /// source is even described). <paramref name="tableName"/> is the source's physical name: a checkpoint's positions
    /// are page tokens of reads of that table.
    /// </summary>
    /// <exception cref="CopyCheckpointException">The checkpoint is of another table or segment count.</exception>
    public static void CheckResume(string tableName, CopyOptions options)
    {
        if (options.ResumeFrom is { } from && (from.TableName != tableName || from.Segments != options.Segments))
        {
            throw CopyCheckpointException.NotUsable(
                $"it is a checkpoint of table {from.TableName} with {from.Segments} segment(s), and this copy is of table {tableName} with {options.Segments}");
        }
    }

    /// <summary>The checkpoint to start from, checked against this copy: physical table, key schema and segment count.</summary>
    internal static CopyCheckpoint Resume(DynamoTable table, PhysicalTable source, CopyCheckpoint? from, int segments)
    {
        if (from is null)
        {
            return CopyCheckpoint.Start(source.Name, CopyCheckpoint.KeySchemaOf(table), segments);
        }

        CheckResume(source.Name, new CopyOptions { Segments = segments, ResumeFrom = from });
        var keys = CopyCheckpoint.KeySchemaOf(table);
        return from.KeySchema == keys ? from
            : throw CopyCheckpointException.NotUsable($"it is a checkpoint of table {from.TableName} with the key schema {from.KeySchema}, and the table now has {keys}");
    }

    /// <summary>Where each segment starts: every unfinished segment's token decoded and checked against its read and the source session.</summary>
    internal static Dictionary<string, AttributeValue>?[] Starts(ReadSpec scan, CopyCheckpoint checkpoint, AwsSession source)
    {
        var starts = new Dictionary<string, AttributeValue>?[checkpoint.Segments];
        for (var segment = 0; segment < checkpoint.Segments; segment++)
        {
            if (checkpoint.Positions[segment] is { Done: false, Token: { } token })
            {
                try
                {
                    starts[segment] = scan.ForSegment(segment, checkpoint.Segments).StartingAt(token).From(source.ReachTag).StartKey;
                }
                catch (ArgumentException ex)
                {
                    throw CopyCheckpointException.NotUsable($"segment {segment}'s page token cannot be used ({ex.Message})", ex);
                }
            }
        }

        return starts;
    }

    /// <summary>Writes one chunk (throttling and unprocessed items retried by <see cref="BatchWriter"/>). Returns how many item writes were retried.</summary>
    private static Task<int> Write(PhysicalTable into, AwsSession target, Dictionary<string, AttributeValue>[] chunk, CancellationToken ct) =>
        SessionCall.Run(target, "BatchWriteItem", into, (db, token) =>
            BatchWriter.WriteChunk(db, into.Name, [.. chunk.Select(item => new WriteRequest(new PutRequest(item)))], target, token), ct);

    internal static async Task Report(IProgress<CopyProgress> progress, TimeSpan interval, Func<CopyProgress> snapshot, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            progress.Report(snapshot());
        }
    }
}

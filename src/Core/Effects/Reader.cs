using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The one paging engine behind scan, query, count, copies and their streaming forms: one request per page, following
/// <c>LastEvaluatedKey</c>, all pages through the same session (a read never changes account half-way). Cancellation
/// is checked before every page, so a cancelled stream sends no further request. A parallel scan reads its segments
/// concurrently, each paged on its own, and merges their pages; memory stays at about two pages per segment.
/// </summary>
internal static class Reader
{
    /// <summary>Items one page at a time; at most <see cref="ReadSpec.Limit"/> in all.</summary>
    public static IAsyncEnumerable<Dictionary<string, AttributeValue>> Items(ReadSpec spec, AwsSession session, CancellationToken cancellationToken) =>
        Items(spec, session, RawPage, cancellationToken);

    /// <summary>Items one page at a time, each page read by <paramref name="page"/> (the direct read's pages hold objects).</summary>
    public static IAsyncEnumerable<E> Items<E>(ReadSpec spec, AwsSession session, PageRead<E> page, CancellationToken cancellationToken) =>
        Limited(spec.Limit, spec.Parallelism > 1 ? ParallelPages(spec, session, page, cancellationToken) : Pages(spec, session, page, cancellationToken), cancellationToken);

    /// <summary>How many items match, counted by DynamoDB (<c>Select = COUNT</c>) over every page (and segment).</summary>
    public static async Task<long> Count(ReadSpec spec, AwsSession session, CancellationToken cancellationToken)
    {
        long total;
        if (spec.Parallelism > 1)
        {
            var counts = await Task.WhenAll(Enumerable.Range(0, spec.Parallelism)
                .Select(i => CountSequential(spec.ForSegment(i, spec.Parallelism), session, cancellationToken))).ConfigureAwait(false);
            total = counts.Sum();
        }
        else
        {
            total = await CountSequential(spec, session, cancellationToken).ConfigureAwait(false);
        }

        return spec.Limit is { } limit ? Math.Min(total, limit) : total;
    }

    /// <summary>One page: its items, DynamoDB's count, and where the next page starts (null or empty at the end).</summary>
    public static Task<ReadPage<Dictionary<string, AttributeValue>>> Page(ReadSpec spec, AwsSession session, Dictionary<string, AttributeValue>? start, bool countOnly, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        spec = spec.From(session.ReachTag);
        return SessionCall.Run(session, spec.Operation, spec.Table, async (db, ct) =>
        {
            if (spec.IsQuery)
            {
                var r = await db.QueryAsync(spec.ToQuery(start, countOnly), ct).ConfigureAwait(false);
                return new ReadPage<Dictionary<string, AttributeValue>>(r.Items ?? [], r.Count ?? 0, r.LastEvaluatedKey);
            }

            var s = await db.ScanAsync(spec.ToScan(start, countOnly), ct).ConfigureAwait(false);
            return new ReadPage<Dictionary<string, AttributeValue>>(s.Items ?? [], s.Count ?? 0, s.LastEvaluatedKey);
        }, cancellationToken);
    }

    private static Task<ReadPage<Dictionary<string, AttributeValue>>> RawPage(ReadSpec spec, AwsSession session, Dictionary<string, AttributeValue>? start, CancellationToken cancellationToken) =>
        Page(spec, session, start, countOnly: false, cancellationToken);

    /// <summary>The pages of one sequential read (one segment at most), until the last or until the limit is met.</summary>
    public static async IAsyncEnumerable<List<E>> Pages<E>(
        ReadSpec spec, AwsSession session, PageRead<E> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var returned = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await read(spec, session, start, cancellationToken).ConfigureAwait(false);
            returned += page.Items.Count;
            yield return page.Items;
            start = page.Last;
        }
        while (start is { Count: > 0 } && !(spec.Limit is { } l && returned >= l));
    }

    private static async IAsyncEnumerable<E> Limited<E>(
        int? limit, IAsyncEnumerable<List<E>> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var returned = 0;
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page)
            {
                if (limit is { } l && returned >= l)
                {
                    yield break;
                }

                returned++;
                yield return item;
            }

            if (limit is { } max && returned >= max)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// The pages of every segment, read concurrently and handed over through a bounded channel (one page per segment
    /// in flight). The first failure of any segment stops the others and reaches the caller unchanged; leaving early
    /// (break, limit, cancellation) stops them too, and the enumeration ends only after they have.
    /// </summary>
    private static async IAsyncEnumerable<List<E>> ParallelPages<E>(
        ReadSpec spec, AwsSession session, PageRead<E> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var segments = spec.Parallelism;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<List<E>>(new BoundedChannelOptions(segments) { SingleReader = true });
        Exception? failure = null;

        async Task ReadSegment(int segment)
        {
            try
            {
                await foreach (var page in Pages(spec.ForSegment(segment, segments), session, read, stop.Token).ConfigureAwait(false))
                {
                    if (page.Count > 0)
                    {
                        await channel.Writer.WriteAsync(page, stop.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && stop.IsCancellationRequested))
            {
                Interlocked.CompareExchange(ref failure, ex, null);
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        var readers = Task.WhenAll(Enumerable.Range(0, segments).Select(ReadSegment));
        _ = readers.ContinueWith(_ => channel.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            while (await WaitToRead(channel.Reader, stop.Token).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var page))
                {
                    yield return page;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await readers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Waits for a page; a stop caused by a failing segment ends the loop so the failure can be thrown.</summary>
    private static async ValueTask<bool> WaitToRead<E>(ChannelReader<List<E>> reader, CancellationToken stop)
    {
        try
        {
            return await reader.WaitToReadAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<long> CountSequential(ReadSpec spec, AwsSession session, CancellationToken cancellationToken)
    {
        long total = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Page(spec, session, start, countOnly: true, cancellationToken).ConfigureAwait(false);
            total += page.Count;
            start = page.Last;
        }
        while (start is { Count: > 0 } && !(spec.Limit is { } l && total >= l));

        return total;
    }
}

/// <summary>One page of a read.</summary>
/// <typeparam name="E">An item as the page holds it: an attribute map, or an item of the direct read.</typeparam>
/// <param name="Items">The items returned (none for a count).</param>
/// <param name="Count">How many items matched on this page, as DynamoDB counted them.</param>
/// <param name="Last">The key the next page starts after; null or empty when this was the last page.</param>
internal sealed record ReadPage<E>(List<E> Items, int Count, Dictionary<string, AttributeValue>? Last);

/// <summary>Reads one page of <paramref name="spec"/> through <paramref name="session"/>, after <paramref name="start"/>.</summary>
internal delegate Task<ReadPage<E>> PageRead<E>(ReadSpec spec, AwsSession session, Dictionary<string, AttributeValue>? start, CancellationToken cancellationToken);

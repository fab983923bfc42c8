using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The one paging engine behind scan, query, count, copies and their streaming forms: one request per page, following
/// <c>LastEvaluatedKey</c>, all pages through the same session (a read never changes account half-way). Cancellation
/// is checked before every page, so a cancelled stream sends no further request.
/// </summary>
internal static class Reader
{
    /// <summary>Items one page at a time; at most <see cref="ReadSpec.Limit"/> in all. Nothing is buffered beyond a page.</summary>
    public static async IAsyncEnumerable<Dictionary<string, AttributeValue>> Items(
        ReadSpec spec, AwsSession session, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var returned = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Page(spec, session, start, countOnly: false, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                if (spec.Limit is { } limit && returned >= limit)
                {
                    yield break;
                }

                returned++;
                yield return item;
            }

            start = page.Last;
        }
        while (start is { Count: > 0 } && !(spec.Limit is { } l && returned >= l));
    }

    /// <summary>How many items match, counted by DynamoDB (<c>Select = COUNT</c>) over every page.</summary>
    public static async Task<long> Count(ReadSpec spec, AwsSession session, CancellationToken cancellationToken)
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

        return spec.Limit is { } limit ? Math.Min(total, limit) : total;
    }

    /// <summary>One page: its items, DynamoDB's count, and where the next page starts (null or empty at the end).</summary>
    public static Task<ReadPage> Page(ReadSpec spec, AwsSession session, Dictionary<string, AttributeValue>? start, bool countOnly, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return SessionCall.Run(session, spec.Operation, spec.Table, async (db, ct) =>
        {
            if (spec.IsQuery)
            {
                var r = await db.QueryAsync(spec.ToQuery(start, countOnly), ct).ConfigureAwait(false);
                return new ReadPage(r.Items ?? [], r.Count ?? 0, r.LastEvaluatedKey);
            }

            var s = await db.ScanAsync(spec.ToScan(start, countOnly), ct).ConfigureAwait(false);
            return new ReadPage(s.Items ?? [], s.Count ?? 0, s.LastEvaluatedKey);
        }, cancellationToken);
    }
}

/// <summary>One page of a read.</summary>
/// <param name="Items">The items returned (none for a count).</param>
/// <param name="Count">How many items matched on this page, as DynamoDB counted them.</param>
/// <param name="Last">The key the next page starts after; null or empty when this was the last page.</param>
internal sealed record ReadPage(List<Dictionary<string, AttributeValue>> Items, int Count, Dictionary<string, AttributeValue>? Last);

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The one paging engine behind scan, query, count and their streaming forms: one request per page, following
/// <c>LastEvaluatedKey</c>, all pages through the same session (a read never changes account half-way).
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
            var (items, _, last) = await Page(spec, session, start, countOnly: false, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                if (spec.Limit is { } limit && returned >= limit)
                {
                    yield break;
                }

                returned++;
                yield return item;
            }

            start = last;
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
            var (_, count, last) = await Page(spec, session, start, countOnly: true, cancellationToken).ConfigureAwait(false);
            total += count;
            start = last;
        }
        while (start is { Count: > 0 } && !(spec.Limit is { } l && total >= l));

        return spec.Limit is { } limit ? Math.Min(total, limit) : total;
    }

    private static async Task<(List<Dictionary<string, AttributeValue>> Items, int Count, Dictionary<string, AttributeValue>? Last)> Page(
        ReadSpec spec, AwsSession session, Dictionary<string, AttributeValue>? start, bool countOnly, CancellationToken cancellationToken)
    {
        try
        {
            if (spec.IsQuery)
            {
                var r = await session.DynamoDB.QueryAsync(spec.ToQuery(start, countOnly), cancellationToken).ConfigureAwait(false);
                return (r.Items ?? [], r.Count ?? 0, r.LastEvaluatedKey);
            }

            var s = await session.DynamoDB.ScanAsync(spec.ToScan(start, countOnly), cancellationToken).ConfigureAwait(false);
            return (s.Items ?? [], s.Count ?? 0, s.LastEvaluatedKey);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failures.Enrich(ex, spec.Table, spec.Operation, session);
        }
    }
}

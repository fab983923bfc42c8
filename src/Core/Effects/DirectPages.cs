using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Pages of a read of a mapped class through the direct read: a session client takes the class's Query or Scan
/// unmarshaller for the request, and the page holds objects (and, for an item the direct read left to the mapping, its
/// attribute map). Any other client, or a class on the SDK's mapping path, reads as before: every item an attribute map.
/// </summary>
internal static class DirectPages
{
    /// <summary>The page reader of <paramref name="mapper"/>'s class, for <see cref="Reader.Items{E}"/>.</summary>
    public static PageRead<ReadItem<T>> For<T>(ItemMapper<T> mapper)
        where T : class, new() =>
        (spec, session, start, ct) => Page(mapper, spec, session, start, ct);

    /// <summary>One page, as <see cref="Reader.Page"/> reads it.</summary>
    public static Task<ReadPage<ReadItem<T>>> Page<T>(ItemMapper<T> mapper, ReadSpec spec, AwsSession session, Dictionary<string, AttributeValue>? start, CancellationToken cancellationToken)
        where T : class, new()
    {
        cancellationToken.ThrowIfCancellationRequested();
        spec = spec.From(session.ReachTag);
        return SessionCall.Run(session, spec.Operation, spec.Table, async (db, ct) =>
        {
            var client = db as SessionDynamoClient;
            if (spec.IsQuery)
            {
                var request = spec.ToQuery(start, countOnly: false);
                if (client is not null && mapper.DirectQuery is { } direct)
                {
                    var q = (DirectQueryResponse<T>)await client.QueryAsync(request, direct, ct).ConfigureAwait(false);
                    return new ReadPage<ReadItem<T>>(q.Read, q.Count ?? 0, q.LastEvaluatedKey);
                }

                var r = await db.QueryAsync(request, ct).ConfigureAwait(false);
                return new ReadPage<ReadItem<T>>(Stored<T>(r.Items), r.Count ?? 0, r.LastEvaluatedKey);
            }

            var scan = spec.ToScan(start, countOnly: false);
            if (client is not null && mapper.DirectScan is { } directScan)
            {
                var d = (DirectScanResponse<T>)await client.ScanAsync(scan, directScan, ct).ConfigureAwait(false);
                return new ReadPage<ReadItem<T>>(d.Read, d.Count ?? 0, d.LastEvaluatedKey);
            }

            var s = await db.ScanAsync(scan, ct).ConfigureAwait(false);
            return new ReadPage<ReadItem<T>>(Stored<T>(s.Items), s.Count ?? 0, s.LastEvaluatedKey);
        }, cancellationToken);
    }

    private static List<ReadItem<T>> Stored<T>(List<Dictionary<string, AttributeValue>>? items)
        where T : class, new() =>
        (items ?? []).ConvertAll(i => new ReadItem<T>(null, i));
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// BatchGetItem in chunks of 100 keys (DynamoDB's limit), retrying unprocessed keys with capped exponential backoff and
/// jitter until all are read, or failing with how many were left.
/// </summary>
internal static class BatchReader
{
    /// <summary>Keys per BatchGetItem request.</summary>
    public const int ChunkSize = 100;

    private const int Attempts = 10;

    /// <summary>
    /// The items found for <paramref name="keys"/> (distinct), by key identity, each mapped by <paramref name="map"/> as
    /// its page arrives: the page's attribute maps die young instead of living (and being promoted by the GC) until the
    /// last page is in.
    /// </summary>
    public static Task<Dictionary<string, R>> ReadAll<R>(
        IAmazonDynamoDB db, PhysicalTable place, IReadOnlyList<Dictionary<string, AttributeValue>> keys, bool consistentRead, Func<Dictionary<string, AttributeValue>, R> map, CancellationToken ct) =>
        ReadAll<R>(place, keys, consistentRead, db.BatchGetItemAsync, (response, found) =>
        {
            foreach (var item in response.Responses?.GetValueOrDefault(place.Name) ?? [])
            {
                found[KeyIdentity.Of(place.Table, item)] = map(item);
            }
        }, ct);

    /// <summary>
    /// The items of a mapped class found for <paramref name="keys"/>, read directly (straight into objects) when the
    /// session's client can take the class's unmarshaller, otherwise as attribute maps mapped by the table's mapping.
    /// </summary>
    public static Task<Dictionary<string, T>> ReadAll<T>(IAmazonDynamoDB db, PhysicalTable place, DynamoTable<T> table, IReadOnlyList<Dictionary<string, AttributeValue>> keys, bool consistentRead, CancellationToken ct)
        where T : class, new()
    {
        if (db is not SessionDynamoClient client || table.Mapper.DirectBatchGet is not { } direct)
        {
            return ReadAll(db, place, keys, consistentRead, table.Mapper.FromAttributes, ct);
        }

        return ReadAll<T>(place, keys, consistentRead, (request, token) => client.BatchGetItemAsync(request, direct, token), (response, found) =>
        {
            foreach (var (id, item) in ((DirectBatchGetResponse<T>)response).Read)
            {
                found[id] = item.Resolve(table.Mapper);
            }
        }, ct);
    }

    private static async Task<Dictionary<string, R>> ReadAll<R>(
        PhysicalTable place,
        IReadOnlyList<Dictionary<string, AttributeValue>> keys,
        bool consistentRead,
        Func<BatchGetItemRequest, CancellationToken, Task<BatchGetItemResponse>> send,
        Action<BatchGetItemResponse, Dictionary<string, R>> collect,
        CancellationToken ct)
    {
        var name = place.Name;
        var found = new Dictionary<string, R>(keys.Count, StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(ChunkSize))
        {
            var pending = new Dictionary<string, KeysAndAttributes>
            {
                [name] = new KeysAndAttributes { Keys = [.. chunk], ConsistentRead = consistentRead ? true : null },
            };
            for (var attempt = 0; pending.TryGetValue(name, out var left) && left.Keys is { Count: > 0 }; attempt++)
            {
                if (attempt == Attempts)
                {
                    throw new ProvisionedThroughputExceededException(
                        $"BatchGetItem left {left.Keys.Count} key(s) unprocessed after {Attempts} attempts with backoff ({found.Count} item(s) were read).");
                }

                if (attempt > 0)
                {
                    var delay = Backoff.Delay(attempt);
                    Log.Unprocessed(Log.Requests, "BatchGetItem", name, left.Keys.Count, "key(s)", attempt, (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                }

                var response = await send(new BatchGetItemRequest { RequestItems = pending }, ct).ConfigureAwait(false);
                collect(response, found);

                pending = response.UnprocessedKeys ?? [];
            }
        }

        return found;
    }
}

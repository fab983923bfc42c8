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
    public static async Task<Dictionary<string, R>> ReadAll<R>(
        IAmazonDynamoDB db, PhysicalTable place, IReadOnlyList<Dictionary<string, AttributeValue>> keys, bool consistentRead, Func<Dictionary<string, AttributeValue>, R> map, CancellationToken ct)
    {
        var (table, name) = (place.Table, place.Name);
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

                var response = await db.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }, ct).ConfigureAwait(false);
                foreach (var item in response.Responses?.GetValueOrDefault(name) ?? [])
                {
                    found[KeyIdentity.Of(table, item)] = map(item);
                }

                pending = response.UnprocessedKeys ?? [];
            }
        }

        return found;
    }
}

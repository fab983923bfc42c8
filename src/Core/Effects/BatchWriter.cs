using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// BatchWriteItem in chunks of 25 (DynamoDB's limit), retrying unprocessed items with capped exponential backoff and
/// jitter until all are written, or failing with how many were left (earlier chunks stay written).
/// </summary>
internal static class BatchWriter
{
    /// <summary>Items per BatchWriteItem request.</summary>
    public const int ChunkSize = 25;

    private const int Attempts = 10;

    /// <summary>Writes one chunk of at most 25 requests, retrying what DynamoDB leaves unprocessed; returns how many item writes were retried.</summary>
    public static async Task<int> WriteChunk(IAmazonDynamoDB db, string tableName, List<WriteRequest> chunk, CancellationToken ct)
    {
        var retried = 0;
        var pending = new Dictionary<string, List<WriteRequest>> { [tableName] = chunk };
        for (var attempt = 0; pending.Values.Any(v => v.Count > 0); attempt++)
        {
            if (attempt == Attempts)
            {
                throw new ProvisionedThroughputExceededException(
                    $"BatchWriteItem left {pending.Values.Sum(v => v.Count)} item(s) unprocessed after {Attempts} attempts with backoff; the earlier chunks were written.");
            }

            if (attempt > 0)
            {
                var left = pending.Values.Sum(v => v.Count);
                retried += left;
                var delay = Backoff.Delay(attempt);
                Log.Unprocessed(Log.Requests, "BatchWriteItem", tableName, left, "item(s)", attempt, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }

            var response = await db.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct).ConfigureAwait(false);
            pending = response.UnprocessedItems ?? [];
        }

        return retried;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// BatchWriteItem in chunks of 25 (DynamoDB's limit). Both of DynamoDB's "come back later" answers — items left
/// unprocessed, and a throttling error for the whole request — are retried here, with capped exponential backoff and
/// jitter, until all are written or the attempts run out (earlier chunks stay written). Every batch write (batchSave,
/// batchDelete, copies) gets the same patience from this one loop.
/// </summary>
internal static class BatchWriter
{
    /// <summary>Items per BatchWriteItem request.</summary>
    public const int ChunkSize = 25;

    /// <summary>Requests per chunk at most: with the 2 s cap of <see cref="Backoff"/>, about 25 s of waiting.</summary>
    private const int Attempts = 16;

    /// <summary>
    /// Writes one chunk of at most 25 requests, retrying what DynamoDB leaves unprocessed or throttles; returns how many
    /// item writes were retried.
    /// </summary>
    /// <param name="db">The target session's client.</param>
    /// <param name="tableName">The table.</param>
    /// <param name="chunk">At most 25 write requests.</param>
    /// <param name="session">The session, for the log line of a throttled request (shown masked).</param>
    /// <param name="ct">Cancels the requests and the waits between them.</param>
    public static async Task<int> WriteChunk(IAmazonDynamoDB db, string tableName, List<WriteRequest> chunk, object session, CancellationToken ct)
    {
        var retried = 0;
        var pending = new Dictionary<string, List<WriteRequest>> { [tableName] = chunk };
        Exception? throttled = null;
        for (var attempt = 0; pending.Values.Any(v => v.Count > 0); attempt++)
        {
            var left = pending.Values.Sum(v => v.Count);
            if (attempt == Attempts)
            {
                if (throttled is not null)
                {
                    ExceptionDispatchInfo.Throw(throttled);
                }

                throw new ProvisionedThroughputExceededException(
                    $"BatchWriteItem left {left} item(s) unprocessed after {Attempts} attempts with backoff; the earlier chunks were written.");
            }

            if (attempt > 0)
            {
                retried += left;
                var delay = Backoff.Delay(attempt);
                if (throttled is null)
                {
                    Log.Unprocessed(Log.Requests, "BatchWriteItem", tableName, left, "item(s)", attempt, (long)delay.TotalMilliseconds);
                }
                else
                {
                    Log.Throttled(Log.Requests, "BatchWriteItem", tableName, session, Failures.Code(throttled), attempt, (long)delay.TotalMilliseconds);
                }

                await Task.Delay(delay, ct).ConfigureAwait(false);
            }

            try
            {
                var response = await db.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct).ConfigureAwait(false);
                pending = response.UnprocessedItems ?? [];
                throttled = null;
            }
            catch (Exception ex) when (ex is ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException)
            {
                // Nothing of this request was written: the same items go again after the backoff.
                throttled = ex;
            }
        }

        return retried;
    }
}

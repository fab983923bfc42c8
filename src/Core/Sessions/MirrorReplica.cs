using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace SessionEffects;

/// <summary>
/// Writes item states to a mirror's secondary: what a write owes it (after the primary accepted the write), and the
/// repair of a key (the primary's state now, read consistently). A write the secondary does not take records its keys
/// for repair; in strict mode it also fails. Secondary writes are not cancelled by the caller's token: the primary has
/// the write already, and stopping half-way would leave it on one side only.
/// </summary>
internal static class MirrorReplica
{
    /// <summary>
    /// Completes and writes <paramref name="writes"/> to the secondary of <paramref name="primarySide"/>: states still
    /// unknown are read from the primary first; a transaction's states go in one transaction, a batch's in batches, one
    /// item's in one request.
    /// </summary>
    public static async Task ApplyAsync(SessionMirror mirror, int primarySide, List<MirroredWrite> writes, string operation, bool transactional)
    {
        if (writes.Count == 0)
        {
            return;
        }

        var primary = mirror.Side(primarySide);
        var secondary = mirror.Side(1 - primarySide);
        if (mirror.TracksTombstones)
        {
            // Before the secondary's delete: a copy that put the item back after it finds the tombstone (Backfill's proof).
            foreach (var delete in writes.Where(w => w.State is null && !w.NeedsRead))
            {
                mirror.Tombstone(delete.Key);
            }
        }

        try
        {
            var states = await CompleteAsync(primary, writes).ConfigureAwait(false);
            await WriteAsync(mirror, secondary, states, transactional).ConfigureAwait(false);
            mirror.CountMirrored(states.Count);
            Telemetry.MirrorWrites.Add(states.Count, new KeyValuePair<string, object?>(Telemetry.SessionLabel, secondary.Label));
        }
        catch (Exception ex)
        {
            Fail(mirror, secondary, writes.Select(w => w.Key), operation, ex);
        }
    }

    /// <summary>
    /// Makes the secondary hold what the primary holds for each key now (consistent read, then put or delete), under the
    /// keys' stripes so no mirrored write of this process interleaves; a repaired key is no longer dirty.
    /// </summary>
    /// <returns>How many keys were repaired (those whose repair failed stay dirty).</returns>
    public static async Task<int> RepairAsync(SessionMirror mirror, IReadOnlyList<MirrorKey> keys, CancellationToken cancellationToken)
    {
        var repaired = 0;
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await mirror.Gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var held = await mirror.Locks.EnterAsync([key], cancellationToken).ConfigureAwait(false);
                var side = mirror.IsSwapped ? 1 : 0;
                var states = await CompleteAsync(mirror.Side(side), [new MirroredWrite(key, null, NeedsRead: true)]).ConfigureAwait(false);
                await WriteAsync(mirror, mirror.Side(1 - side), states, transactional: false).ConfigureAwait(false);
                if (mirror.Dirty.Remove(key))
                {
                    Telemetry.MirrorDirtyKeys.Add(-1, new KeyValuePair<string, object?>(Telemetry.DbCollectionName, key.TableName));
                }

                repaired++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Fail(mirror, mirror.Secondary, [key], "Repair", ex, strict: false);
            }
            finally
            {
                mirror.Gate.Exit();
            }
        }

        return repaired;
    }

    private static void Fail(SessionMirror mirror, AwsSession secondary, IEnumerable<MirrorKey> keys, string operation, Exception ex, bool strict = true)
    {
        var all = keys.ToList();
        mirror.CountFailed(all.Count);
        Telemetry.MirrorFailures.Add(all.Count, new KeyValuePair<string, object?>(Telemetry.SessionLabel, secondary.Label));
        foreach (var key in all.Where(mirror.Dirty.Add))
        {
            Telemetry.MirrorDirtyKeys.Add(1, new KeyValuePair<string, object?>(Telemetry.DbCollectionName, key.TableName));
        }

        Log.MirrorWriteFailed(Log.Requests, ex, operation, all.Count, secondary);
        if (strict && mirror.Options.Strict)
        {
            throw new MirrorWriteException(
                $"{operation} reached the primary, but {all.Count} item states did not reach the secondary {secondary}: the keys are recorded for repair.", ex);
        }
    }

    /// <summary>The writes with every state known: those still unknown read consistently from the primary (absent: a delete).</summary>
    private static async Task<List<MirroredWrite>> CompleteAsync(AwsSession primary, List<MirroredWrite> writes)
    {
        var unknown = writes.Where(w => w.NeedsRead).ToList();
        if (unknown.Count == 0)
        {
            return writes;
        }

        var read = new Dictionary<MirrorKey, Dictionary<string, AttributeValue>?>();
        using var lease = await primary.LeaseReadyAsync().ConfigureAwait(false);
        if (unknown.Count == 1)
        {
            var key = unknown[0].Key;
            var item = await primary.DynamoDB.GetItemAsync(new GetItemRequest { TableName = key.TableName, Key = key.ToAttributes(), ConsistentRead = true }).ConfigureAwait(false);
            read[key] = item.Item is { Count: > 0 } found ? found : null;
        }
        else
        {
            foreach (var chunk in unknown.Chunk(100))
            {
                // One snapshot of the items a transaction changed, as the primary holds them after it.
                var got = await primary.DynamoDB.TransactGetItemsAsync(new TransactGetItemsRequest
                {
                    TransactItems = [.. chunk.Select(w => new TransactGetItem { Get = new Get { TableName = w.Key.TableName, Key = w.Key.ToAttributes() } })],
                }).ConfigureAwait(false);
                for (var i = 0; i < chunk.Length; i++)
                {
                    read[chunk[i].Key] = got.Responses[i].Item is { Count: > 0 } found ? found : null;
                }
            }
        }

        return [.. writes.Select(w => w.NeedsRead ? w with { State = read[w.Key], NeedsRead = false } : w)];
    }

    private static async Task WriteAsync(SessionMirror mirror, AwsSession secondary, List<MirroredWrite> states, bool transactional)
    {
        using var lease = await secondary.LeaseReadyAsync().ConfigureAwait(false);
        var db = secondary.DynamoDB;
        if (states.Count == 1)
        {
            var (key, state, _) = states[0];
            var table = mirror.SecondaryTableName(key.TableName);
            _ = state is null
                ? await db.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = key.ToAttributes() }).ConfigureAwait(false)
                : (AmazonWebServiceResponse)await db.PutItemAsync(new PutItemRequest { TableName = table, Item = state }).ConfigureAwait(false);
        }
        else if (transactional)
        {
            await db.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems = [.. states.Select(w => w.State is null
                    ? new TransactWriteItem { Delete = new Delete { TableName = mirror.SecondaryTableName(w.Key.TableName), Key = w.Key.ToAttributes() } }
                    : new TransactWriteItem { Put = new Put { TableName = mirror.SecondaryTableName(w.Key.TableName), Item = w.State } })],
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var chunk in states.Chunk(25))
            {
                await BatchAsync(mirror, db, chunk).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One batch, with its unprocessed items sent again a few times; what is still left fails the batch.</summary>
    private static async Task BatchAsync(SessionMirror mirror, Amazon.DynamoDBv2.IAmazonDynamoDB db, MirroredWrite[] chunk)
    {
        var pending = chunk.GroupBy(w => mirror.SecondaryTableName(w.Key.TableName)).ToDictionary(
            g => g.Key,
            g => g.Select(w => w.State is null ? new WriteRequest(new DeleteRequest(w.Key.ToAttributes())) : new WriteRequest(new PutRequest(w.State))).ToList());
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25 << Math.Min(attempt, 6))).ConfigureAwait(false);
            }

            if (attempt == 8)
            {
                throw new ProvisionedThroughputExceededException($"The secondary left {pending.Values.Sum(w => w.Count)} items of a mirrored batch unprocessed after {attempt} attempts.");
            }

            pending = (await db.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }).ConfigureAwait(false)).UnprocessedItems ?? [];
        }
    }
}

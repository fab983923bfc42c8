using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Copies a mirrored table's primary into its secondary while the application keeps writing through the mirror.
/// </summary>
/// <remarks>
/// <para>The mechanism: every item scanned from the primary (consistent reads) is put into the secondary only where the
/// secondary has no item with that key (<c>attribute_not_exists</c> of the hash key); while the backfill runs the mirror
/// records each delete as a tombstone <em>before</em> it deletes on the secondary; when the last put is done, every
/// tombstoned key is repaired (read from the primary, written or deleted on the secondary, under the key's stripe).</para>
/// <para>Why nothing older overwrites anything newer: the secondary holds, for any key, either nothing, a backfilled
/// state, or a mirrored state. A mirrored state is the primary's state after a write accepted later than nothing at
/// all — it always wins over the backfill, because the backfill never overwrites (its condition fails: counted as
/// <see cref="BackfillResult.AlreadyThere"/>), and a mirrored put overwrites a backfilled state unconditionally.
/// So a scanned state S0 followed by an update to S1: whichever of the backfill's put and the mirror's put comes first,
/// the secondary ends at S1.</para>
/// <para>Why nothing deleted comes back: scan read S0, then the primary deletes the key (D), the mirror records the
/// tombstone (T) and deletes on the secondary (SD), in that order. If the backfill's put P comes before SD, SD removes
/// it. If P comes after SD, then T came before P, P came before the end of the backfill, and the tombstone repair
/// after the end reads the primary (no item) and deletes the key on the secondary. A delete after the backfill's end
/// has no backfill put after it. A secondary write that failed is a dirty key, repaired by the reconcile.</para>
/// <para>What this does not see: deletes made by another process (its mirror keeps its own tombstones). For those, and
/// for writes of one key by two processes that reach the secondary out of order, the migration's reconcile compares the
/// whole table and repairs each difference from the primary; rerunning a backfill is always safe.</para>
/// </remarks>
internal static class Backfill
{
    public static async Task<BackfillResult> Run(DynamoTable table, SessionMirror mirror, BackfillOptions options, CancellationToken ct)
    {
        if (options.Segments < 1 || options.Concurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "BackfillOptions.Segments and Concurrency must be at least 1.");
        }

        var primary = mirror.Primary;
        var secondary = mirror.Secondary;
        var secondaryName = PhysicalTable.In(secondary, table).Name;
        var hash = table.HashKey.AttributeName;
        var spec = ReadSpec.ForScan(table, new ScanOptions { Segments = options.Segments, ConsistentRead = true }).In(PhysicalTable.In(primary, table).Name);
        long scanned = 0, written = 0, there = 0;
        IReadOnlyList<MirrorKey> tombstones;
        using (mirror.TrackTombstones())
        {
            await Parallel.ForEachAsync(
                Reader.Items(spec, primary, ct),
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
                async (item, token) =>
                {
                    Interlocked.Increment(ref scanned);
                    var request = new PutItemRequest
                    {
                        TableName = secondaryName,
                        Item = item,
                        ConditionExpression = "attribute_not_exists(#k)",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#k"] = hash },
                    };
                    try
                    {
                        await SessionCall.Run(secondary, "PutItem", "table " + secondaryName, (db, t) => db.PutItemAsync(request, t), token).ConfigureAwait(false);
                        Interlocked.Increment(ref written);
                    }
                    catch (ConditionalCheckFailedException)
                    {
                        Interlocked.Increment(ref there);
                    }
                }).ConfigureAwait(false);

            // Every put of this backfill is done: what was deleted meanwhile is made to match the primary now.
            tombstones = mirror.TakeTombstones();
            await MirrorReplica.RepairAsync(mirror, tombstones, ct).ConfigureAwait(false);
        }

        return new BackfillResult(scanned, written, there, tombstones.Count);
    }
}

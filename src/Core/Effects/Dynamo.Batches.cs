using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Contracts;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>Many items at once: batch writes and deletes, and copies between sessions.</summary>
public static partial class Dynamo
{
    /// <summary>
    /// Writes all items with BatchWriteItem in chunks of 25, retrying unprocessed items with exponential backoff until
    /// all are written or a clear error says how many were left. Each item replaces the stored one (a put, as
    /// DynamoDBContext's batch write; generated timestamps are filled in). BatchWriteItem cannot carry conditions or
    /// updates, so, before anything is sent, a class with a <c>[DynamoDBVersion]</c> property is refused unless
    /// <paramref name="skipVersionCheck"/> is set (then items are written without optimistic locking), and a class with
    /// <c>[DynamoDBAtomicCounter]</c> or <c>[DynamoDbUpdateBehavior(IfNotExists)]</c> properties unless
    /// <paramref name="writeAsPlainValues"/> is set (then the values the objects hold are stored).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="items"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> batchSave<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, IEnumerable<T> items, bool skipVersionCheck = false, bool writeAsPlainValues = false)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(items);
        return batch(table, "batchSave", skipVersionCheck, writeAsPlainValues, puts: true, () => items.Select(i => new WriteRequest(new PutRequest(
            ItemSave.BatchItem(table, i ?? throw new ArgumentException($"batchSave on table {table.Name}: an item was null.", nameof(items)))))));
    }

    /// <summary>
    /// Deletes the items with the keys of <paramref name="items"/> in chunks of 25, retrying unprocessed ones. Refused
    /// for versioned classes unless <paramref name="skipVersionCheck"/> is set, as <see cref="batchSave{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="items"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> batchDelete<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, IEnumerable<T> items, bool skipVersionCheck = false)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(items);
        return batch(table, "batchDelete", skipVersionCheck, writeAsPlainValues: false, puts: false, () => items.Select(i => new WriteRequest(new DeleteRequest(
            table.Mapper.KeyOf(i ?? throw new ArgumentException($"batchDelete on table {table.Name}: an item was null.", nameof(items)))))));
    }

    /// <summary>
    /// The items with these keys, read with BatchGetItem in chunks of 100, unprocessed keys retried with capped backoff
    /// and jitter until all are read (or a clear error says how many were left). A key given twice is read once; the
    /// results keep the order of the keys, and keys without an item are simply absent. No keys: no request.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="keys">The keys (<see cref="ItemKey.Of(object)"/>, or with a range key).</param>
    /// <param name="consistentRead">Strongly consistent reads.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="keys"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Seq<T>> batchGet<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, IEnumerable<ItemKey> keys, bool consistentRead = false)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(keys);
        return withPlace(table, async (session, place, ct) =>
        {
            var wanted = ItemKeys.Distinct(table, keys, "batchGet");
            if (wanted.Count == 0)
            {
                return Seq<T>();
            }

            var found = await SessionCall.Run(session, "BatchGetItem", place, (db, token) =>
                BatchReader.ReadAll(db, place, [.. wanted.Select(w => w.Key)], consistentRead, table.Mapper.FromAttributes, token), ct).ConfigureAwait(false);
            var items = new List<T>(found.Count);
            foreach (var w in wanted)
            {
                if (found.TryGetValue(w.KeyId, out var item))
                {
                    items.Add(item);
                }
            }

            return toSeq(items);
        });
    }

    /// <summary>
    /// Copies the items of the table, as the table's current session sees them, into the same table of
    /// <paramref name="target"/>, page by page and without turning them into objects (every attribute is copied as
    /// stored, versions and attributes the class does not map included). Returns how many items were copied. Memory
    /// stays at one page.
    /// </summary>
    /// <param name="table">The table to copy (it must exist in the target account).</param>
    /// <param name="target">The session to write through.</param>
    /// <param name="options">Which items to copy (filter, index, limit, page size).</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, long> copyItems(DynamoTable table, AwsSession target, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(target);
        return withPlace(table, async (source, place, ct) =>
        {
            var read = ReadSpec.ForScan(table, options).In(place.Name);
            var into = PhysicalTable.In(target, table);
            long copied = 0;
            var chunk = new List<WriteRequest>(BatchWriter.ChunkSize);
            async Task Flush()
            {
                await SessionCall.Run(target, "BatchWriteItem", into, async (db, token) =>
                {
                    await BatchWriter.WriteChunk(db, into.Name, chunk, target, token).ConfigureAwait(false);
                    return unit;
                }, ct).ConfigureAwait(false);
                copied += chunk.Count;
                chunk = new List<WriteRequest>(BatchWriter.ChunkSize);
            }

            await foreach (var item in Reader.Items(read, source, ct).ConfigureAwait(false))
            {
                chunk.Add(new WriteRequest(new PutRequest(item)));
                if (chunk.Count == BatchWriter.ChunkSize)
                {
                    await Flush().ConfigureAwait(false);
                }
            }

            if (chunk.Count > 0)
            {
                await Flush().ConfigureAwait(false);
            }

            return copied;
        });
    }

    private static Aff<SessionEnv, Unit> batch(DynamoTable table, string operation, bool skipVersionCheck, bool writeAsPlainValues, bool puts, Func<IEnumerable<WriteRequest>> requests)
    {
        ArgumentNullException.ThrowIfNull(table);
        return withPlace(table, async (session, place, ct) =>
        {
            ItemWrites.CheckBatchable(table, operation, skipVersionCheck, writeAsPlainValues, puts);

            // Every item is mapped (and checked) before the first request, so bad input sends nothing.
            var all = requests().ToList();
            await SessionCall.Run(session, "BatchWriteItem", place, async (db, token) =>
            {
                foreach (var chunk in all.Chunk(BatchWriter.ChunkSize))
                {
                    await BatchWriter.WriteChunk(db, place.Name, [.. chunk], session, token).ConfigureAwait(false);
                }

                return unit;
            }, ct).ConfigureAwait(false);

            return unit;
        });
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>Many items at once, mirroring the core's <c>Dynamo.Batches.cs</c>.</summary>
public static partial class TableOperations
{
    /// <summary>
    /// Writes all items in batches of 25 (whole-item puts, as DynamoDBContext's batch write), retrying unprocessed items
    /// with backoff. A class with a <c>[DynamoDBVersion]</c> property is refused (BatchWriteItem cannot carry the version
    /// condition) unless <paramref name="skipVersionCheck"/> is set; one with <c>[DynamoDBAtomicCounter]</c> or
    /// <c>[DynamoDbUpdateBehavior(IfNotExists)]</c> properties (which need an update) unless
    /// <paramref name="writeAsPlainValues"/> is set.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="items"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The class has such a property and the matching opt-out is not set; nothing was sent.</exception>
    public static Task BatchSaveAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, IEnumerable<T> items, bool skipVersionCheck = false, bool writeAsPlainValues = false, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(items);
        return Sessions.RunAsync(Dynamo.batchSave(Check(table), items, skipVersionCheck, writeAsPlainValues), cancellationToken);
    }

    /// <summary>
    /// Deletes the items with the keys of <paramref name="items"/> in batches of 25, retrying unprocessed ones; refused
    /// for versioned classes unless <paramref name="skipVersionCheck"/> is set.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="items"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The class is versioned and <paramref name="skipVersionCheck"/> is not set; nothing was sent.</exception>
    public static Task BatchDeleteAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, IEnumerable<T> items, bool skipVersionCheck = false, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(items);
        return Sessions.RunAsync(Dynamo.batchDelete(Check(table), items, skipVersionCheck), cancellationToken);
    }

    /// <summary>
    /// The items with these keys (BatchGetItem in chunks of 100, unprocessed keys retried with backoff). A key given
    /// twice is read once; the results keep the order of the keys; keys without an item are absent from the list.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="keys"/> is null.</exception>
    /// <exception cref="ArgumentException">A key is null, of the wrong type, or lacks its range key; the message names its position. Nothing was sent.</exception>
    public static async Task<IReadOnlyList<T>> BatchGetAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, IEnumerable<ItemKey> keys, bool consistentRead = false, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = await Sessions.RunAsync(Dynamo.batchGet(Check(table), keys, consistentRead), cancellationToken).ConfigureAwait(false);
        return [.. items];
    }

    /// <summary>
    /// Copies the table's items, as its current session sees them, into the same table of <paramref name="target"/>,
    /// page by page, attributes as stored. Returns how many were copied.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    public static Task<long> CopyItemsAsync(this DynamoTable table, AwsSession target, ScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Sessions.RunAsync(Dynamo.copyItems(Check(table), target, options), cancellationToken);
    }
}

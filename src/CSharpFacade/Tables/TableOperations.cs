using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects.CSharp;

/// <summary>
/// Async table operations on a table value, run through the bindings visible where they are called (the open
/// <see cref="Sessions.UseSession"/> scopes, else the root). Each one is the core's <see cref="Dynamo"/> operation run
/// by <see cref="Sessions.RunAsync{T}"/>: one implementation, two surfaces. AWS errors are thrown as the SDK's own
/// exception types, with the table, the operation and the redacted session in the message.
/// </summary>
public static class TableOperations
{
    /// <summary>Creates the table from its descriptor (on-demand billing unless capacities are given) and waits until it is ACTIVE.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task<TableDescription> CreateTableAsync(this Table table, CreateTableOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.createTable(Check(table), options), cancellationToken);

    /// <summary>Whether the table exists for the session it resolves to.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task<bool> ExistsAsync(this Table table, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.tableExists(Check(table)), cancellationToken);

    /// <summary>The table's description.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task<TableDescription> DescribeAsync(this Table table, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.describeTable(Check(table)), cancellationToken);

    /// <summary>Deletes the table and waits until it is gone.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task DeleteTableAsync(this Table table, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.deleteTable(Check(table)), cancellationToken);

    /// <summary>Writes the item, replacing any with the same key; only when <paramref name="condition"/> holds, if given.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="item"/> is null.</exception>
    /// <exception cref="ConditionalCheckFailedException">The condition did not hold.</exception>
    public static Task SaveAsync<T>(this Table<T> table, T item, DynamoCondition? condition = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        return Sessions.RunAsync(Dynamo.save(Check(table), item, condition), cancellationToken);
    }

    /// <summary>The item with this key, or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    /// <exception cref="ArgumentException">A key value does not fit the key's type, or the range key is missing or superfluous.</exception>
    public static async Task<T?> GetAsync<T>(this Table<T> table, object hashKey, object? rangeKey = null, bool consistentRead = false, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        var found = await Sessions.RunAsync(Dynamo.get(Check(table), hashKey, rangeKey, consistentRead), cancellationToken).ConfigureAwait(false);
        return found.MatchUnsafe(item => item, () => null);
    }

    /// <summary>Deletes the item with this key (no error when there is none); only when <paramref name="condition"/> holds, if given.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    public static Task DeleteAsync<T>(this Table<T> table, object hashKey, object? rangeKey = null, DynamoCondition? condition = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        return Sessions.RunAsync(Dynamo.delete(Check(table), hashKey, rangeKey, condition), cancellationToken);
    }

    /// <summary>Applies <paramref name="update"/> to the item with this key and returns the item as it is afterwards.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/>, <paramref name="hashKey"/> or <paramref name="update"/> is null.</exception>
    public static Task<T> UpdateAsync<T>(this Table<T> table, object hashKey, object? rangeKey, ItemUpdate update, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        ArgumentNullException.ThrowIfNull(update);
        return Sessions.RunAsync(Dynamo.update(Check(table), hashKey, rangeKey, update), cancellationToken);
    }

    /// <summary>
    /// The table's items (or an index's), streamed page by page. The session is resolved when enumeration starts,
    /// with the bindings visible there; every page is read through that session.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static IAsyncEnumerable<T> ScanAsync<T>(this Table<T> table, ScanOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        Check(table);
        return Stream(() => Dynamo.scanStream(table, options), cancellationToken);
    }

    /// <summary>The items with this hash key (of the table, or of the options' index), streamed page by page.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    public static IAsyncEnumerable<T> QueryAsync<T>(this Table<T> table, object hashKey, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        Check(table);
        ArgumentNullException.ThrowIfNull(hashKey);
        return Stream(() => Dynamo.queryStream(table, hashKey, options), cancellationToken);
    }

    /// <summary>How many items a scan with these options finds, counted by DynamoDB.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task<long> CountAsync(this Table table, ScanOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.count(Check(table), options), cancellationToken);

    /// <summary>
    /// Copies the table's items, as its current session sees them, into the same table of <paramref name="target"/>,
    /// page by page, attributes as stored. Returns how many were copied.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    public static Task<long> CopyItemsAsync(this Table table, AwsSession target, ScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Sessions.RunAsync(Dynamo.copyItems(Check(table), target, options), cancellationToken);
    }

    /// <summary>Writes all items in batches of 25, retrying unprocessed items with backoff.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="items"/> is null.</exception>
    public static Task BatchSaveAsync<T>(this Table<T> table, IEnumerable<T> items, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(items);
        return Sessions.RunAsync(Dynamo.batchSave(Check(table), items), cancellationToken);
    }

    /// <summary>Deletes the items with the keys of <paramref name="items"/> in batches of 25, retrying unprocessed ones.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="items"/> is null.</exception>
    public static Task BatchDeleteAsync<T>(this Table<T> table, IEnumerable<T> items, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(items);
        return Sessions.RunAsync(Dynamo.batchDelete(Check(table), items), cancellationToken);
    }

    /// <summary>Streams what a core stream effect opens, running it when enumeration starts (so the enumerating flow's bindings apply).</summary>
    internal static async IAsyncEnumerable<T> Stream<T>(Func<LanguageExt.Aff<SessionEnv, IAsyncEnumerable<T>>> open, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The session is resolved here, when enumeration starts, in the flow of the code that enumerates.
        var items = await Sessions.RunAsync(open(), cancellationToken).ConfigureAwait(false);
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private static TTable Check<TTable>(TTable table)
        where TTable : Table =>
        table ?? throw new ArgumentNullException(nameof(table));
}

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>Reads, mirroring the core's <c>Dynamo.Reads.cs</c>.</summary>
public static partial class TableOperations
{
    /// <summary>
    /// The table's items (or an index's), streamed page by page. The table's session is resolved now, where this method
    /// is called (inside or outside a scope), and the whole enumeration reads through it, wherever and whenever it is
    /// enumerated. Cancelling <paramref name="cancellationToken"/> (or the token given to <c>WithCancellation</c>) stops
    /// the stream with <see cref="OperationCanceledException"/> before the next page is requested.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static IAsyncEnumerable<T> ScanAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, ScanOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, new() =>
        Streams.Open(Check(table), () => Dynamo.scanStream(table, options), cancellationToken);

    /// <summary>
    /// The items with this hash key (of the table, or of the options' index), streamed page by page; the session is
    /// resolved now, as for <see cref="ScanAsync{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    public static IAsyncEnumerable<T> QueryAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, object hashKey, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        return Streams.Open(Check(table), () => Dynamo.queryStream(table, hashKey, options), cancellationToken);
    }

    /// <summary>
    /// One page of a scan (one request of at most <see cref="ReadOptions.PageSize"/> evaluated items) and the token of
    /// the next page: pass it back as <see cref="ReadOptions.StartToken"/>. For APIs that page over a table.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException">The start token is not from this read or was changed. Nothing was sent.</exception>
    public static Task<Page<T>> ScanPageAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, ScanOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, new() =>
        Sessions.RunAsync(Dynamo.scanPage(Check(table), options), cancellationToken);

    /// <summary>One page of a query and the token of the next page, as <see cref="ScanPageAsync{T}"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    /// <exception cref="ArgumentException">The start token is not from this read or was changed. Nothing was sent.</exception>
    public static Task<Page<T>> QueryPageAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, object hashKey, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        return Sessions.RunAsync(Dynamo.queryPage(Check(table), hashKey, options), cancellationToken);
    }

    /// <summary>How many items a scan with these options finds, counted by DynamoDB.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task<long> CountAsync(this DynamoTable table, ScanOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.count(Check(table), options), cancellationToken);
}

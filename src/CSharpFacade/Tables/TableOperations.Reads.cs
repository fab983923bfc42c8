using System;
using System.Collections.Generic;
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
    public static IAsyncEnumerable<T> ScanAsync<T>(this Table<T> table, ScanOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, new() =>
        Streams.Open(Check(table), () => Dynamo.scanStream(table, options), cancellationToken);

    /// <summary>
    /// The items with this hash key (of the table, or of the options' index), streamed page by page; the session is
    /// resolved now, as for <see cref="ScanAsync{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    public static IAsyncEnumerable<T> QueryAsync<T>(this Table<T> table, object hashKey, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        return Streams.Open(Check(table), () => Dynamo.queryStream(table, hashKey, options), cancellationToken);
    }

    /// <summary>How many items a scan with these options finds, counted by DynamoDB.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task<long> CountAsync(this Table table, ScanOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.count(Check(table), options), cancellationToken);
}

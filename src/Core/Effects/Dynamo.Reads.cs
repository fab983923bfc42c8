using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Contracts;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>Reads: scans, queries, counts and LINQ queries, collected or streamed page by page.</summary>
public static partial class Dynamo
{
    /// <summary>Every item of the table (or index) that passes the filter, read page by page into one sequence.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Seq<T>> scan<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, ScanOptions? options = null)
        where T : class, new() =>
        collect(table, () => ReadSpec.ForScan(table, options), table.Mapper.FromAttributes);

    /// <summary>
    /// The items of a scan as a stream that reads one page at a time. The table's session is resolved when this
    /// effect runs; enumeration then reads every page through that session, and stops with
    /// <see cref="OperationCanceledException"/> before the next page once the environment's or the enumerator's token is cancelled.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<T>> scanStream<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, ScanOptions? options = null)
        where T : class, new() =>
        stream(table, () => ReadSpec.ForScan(table, options), table.Mapper.FromAttributes);

    /// <summary>The items with this hash key (of the table, or of <see cref="ReadOptions.IndexName"/>), with the options' range condition and filter.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Seq<T>> query<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, QueryOptions? options = null)
        where T : class, new() =>
        collect(table, () => ReadSpec.ForQuery(table, hashKey, options), table.Mapper.FromAttributes);

    /// <summary>The items of a query as a stream that reads one page at a time (session resolved when the effect runs).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<T>> queryStream<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, QueryOptions? options = null)
        where T : class, new() =>
        stream(table, () => ReadSpec.ForQuery(table, hashKey, options), table.Mapper.FromAttributes);

    /// <summary>How many items a scan with these options finds, counted by DynamoDB without transferring items.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, long> count(DynamoTable table, ScanOptions? options = null) =>
        withPlace(table, (session, place, ct) => Reader.Count(ReadSpec.ForScan(table, options).In(place.Name).From(session.ReachTag), session, ct));

    /// <summary>How many items a query with these options finds, counted by DynamoDB without transferring items.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, long> countQuery(DynamoTable table, object hashKey, QueryOptions? options = null) =>
        withPlace(table, (session, place, ct) => Reader.Count(ReadSpec.ForQuery(table, hashKey, options).In(place.Name).From(session.ReachTag), session, ct));

    /// <summary>Every result of a LINQ query (<c>table.Query()</c>), read page by page into one sequence.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Seq<R>> fetch<R>(ItemQuery<R> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return collect(query.Table, query.Spec, query.Map);
    }

    /// <summary>The results of a LINQ query as a stream that reads one page at a time (session resolved when the effect runs).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<R>> fetchStream<R>(ItemQuery<R> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return stream(query.Table, query.Spec, query.Map);
    }

    /// <summary>
    /// One page of a scan — one request of at most <see cref="ReadOptions.PageSize"/> evaluated items — and the token
    /// of the next page (give it back as <see cref="ReadOptions.StartToken"/>). For web APIs that page over a table.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Page<T>> scanPage<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, ScanOptions? options = null)
        where T : class, new() =>
        page(table, () => ReadSpec.ForScan(table, options).ForPage(), table.Mapper.FromAttributes);

    /// <summary>One page of a query and the token of the next page, as <see cref="scanPage{T}"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Page<T>> queryPage<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, QueryOptions? options = null)
        where T : class, new() =>
        page(table, () => ReadSpec.ForQuery(table, hashKey, options).ForPage(), table.Mapper.FromAttributes);

    /// <summary>
    /// One page of a LINQ query (sized by <c>WithPageSize</c>), starting after the page <paramref name="startToken"/>
    /// came from (from the beginning when null), and the token of the next page.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Page<R>> fetchPage<R>(ItemQuery<R> query, string? startToken = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return page(query.Table, () => query.Spec().ForPage().StartingAt(startToken), query.Map);
    }

    private static Aff<SessionEnv, Page<R>> page<R>(DynamoTable table, Func<ReadSpec> spec, Func<Dictionary<string, AttributeValue>, R> map) =>
        withPlace(table, async (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            var result = await Reader.Page(read, session, null, countOnly: false, ct).ConfigureAwait(false);
            return new Page<R>(result.Items.ConvertAll(i => map(i)), read.TokenAfter(session.ReachTag, result.Last));
        });

    private static Aff<SessionEnv, Seq<R>> collect<R>(DynamoTable table, Func<ReadSpec> spec, Func<Dictionary<string, AttributeValue>, R> map) =>
        withPlace(table, async (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            var items = new List<R>();
            await foreach (var raw in Reader.Items(read, session, ct).ConfigureAwait(false))
            {
                items.Add(map(raw));
            }

            return toSeq(items);
        });

    private static Aff<SessionEnv, IAsyncEnumerable<R>> stream<R>(DynamoTable table, Func<ReadSpec> spec, Func<Dictionary<string, AttributeValue>, R> map) =>
        withPlace(table, (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            // The stream holds a lease on its session until its enumeration ends, so a pool never disposes it mid-read.
            return Task.FromResult(session.Leased(SessionCall.KeepingBinding(Mapped(Reader.Items(read, session, ct), map, CancellationToken.None))));
        });

    private static async IAsyncEnumerable<R> Mapped<R>(
        IAsyncEnumerable<Dictionary<string, AttributeValue>> raw, Func<Dictionary<string, AttributeValue>, R> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The enumerator's token (WithCancellation, or the facade's) reaches the page reader, which checks it before every page.
        await foreach (var item in raw.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return map(item);
        }
    }
}

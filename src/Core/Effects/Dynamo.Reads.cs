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
        collectDirect(table, () => ReadSpec.ForScan(table, options));

    /// <summary>
    /// The items of a scan as a stream that reads one page at a time. The table's session is resolved when this
    /// effect runs; enumeration then reads every page through that session, and stops with
    /// <see cref="OperationCanceledException"/> before the next page once the environment's or the enumerator's token is cancelled.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<T>> scanStream<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, ScanOptions? options = null)
        where T : class, new() =>
        streamDirect(table, () => ReadSpec.ForScan(table, options));

    /// <summary>The items with this hash key (of the table, or of <see cref="ReadOptions.IndexName"/>), with the options' range condition and filter.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Seq<T>> query<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, QueryOptions? options = null)
        where T : class, new() =>
        collectDirect(table, () => ReadSpec.ForQuery(table, hashKey, options));

    /// <summary>The items of a query as a stream that reads one page at a time (session resolved when the effect runs).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<T>> queryStream<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, QueryOptions? options = null)
        where T : class, new() =>
        streamDirect(table, () => ReadSpec.ForQuery(table, hashKey, options));

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
        return query.Accept(new FetchAll<R>(query.Spec));
    }

    /// <summary>The results of a LINQ query as a stream that reads one page at a time (session resolved when the effect runs).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<R>> fetchStream<R>(ItemQuery<R> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Accept(new FetchStream<R>(query.Spec));
    }

    /// <summary>
    /// One page of a scan — one request of at most <see cref="ReadOptions.PageSize"/> evaluated items — and the token
    /// of the next page (give it back as <see cref="ReadOptions.StartToken"/>). For web APIs that page over a table.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Page<T>> scanPage<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, ScanOptions? options = null)
        where T : class, new() =>
        pageDirect(table, () => ReadSpec.ForScan(table, options).ForPage());

    /// <summary>One page of a query and the token of the next page, as <see cref="scanPage{T}"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Page<T>> queryPage<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, QueryOptions? options = null)
        where T : class, new() =>
        pageDirect(table, () => ReadSpec.ForQuery(table, hashKey, options).ForPage());

    /// <summary>
    /// One page of a LINQ query (sized by <c>WithPageSize</c>), starting after the page <paramref name="startToken"/>
    /// came from (from the beginning when null), and the token of the next page.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Page<R>> fetchPage<R>(ItemQuery<R> query, string? startToken = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Accept(new FetchPage<R>(() => query.Spec().ForPage().StartingAt(startToken)));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>
/// Runs LINQ query values (<see cref="TableQueries.Query{T}"/>) with the bindings visible where they run. Each is the core's
/// <see cref="Dynamo.fetch{R}"/> / <see cref="Dynamo.fetchStream{R}"/> run by <see cref="Sessions.RunAsync{T}"/>.
/// </summary>
public static class QueryOperations
{
    /// <summary>Every result, read page by page into a list.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The query cannot run as asked; the message says why.</exception>
    public static async Task<IReadOnlyList<R>> ToListAsync<R>(this ItemQuery<R> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var results = await Sessions.RunAsync(Dynamo.fetch(query), cancellationToken).ConfigureAwait(false);
        return results.ToList();
    }

    /// <summary>
    /// One page of the query (sized by <c>WithPageSize</c>), starting after the page <paramref name="startToken"/> came
    /// from (from the beginning when null), and the token of the next page.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The token is not from this query or was changed, or the query has a <c>Take</c> (pages are sized by their page size). Nothing was sent.</exception>
    public static Task<Page<R>> ToPageAsync<R>(this ItemQuery<R> query, string? startToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Sessions.RunAsync(Dynamo.fetchPage(query, startToken), cancellationToken);
    }

    /// <summary>
    /// The results as a stream that reads one page at a time. The table's session is resolved now, where this method is
    /// called, and the whole enumeration reads through it; cancellation stops it before the next page.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public static IAsyncEnumerable<R> AsAsyncEnumerable<R>(this ItemQuery<R> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Streams.Open(query.Table, () => Dynamo.fetchStream(query), cancellationToken);
    }
}

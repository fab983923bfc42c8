using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// Scans, queries and LINQ queries of a mapped class, read directly (<see cref="DirectPages"/>): one request per page,
/// paging, sessions and leases as every read, with objects in the pages; each object is then shaped into the result
/// (itself, or a LINQ query's <c>select</c>).
/// </summary>
public static partial class Dynamo
{
    private static Aff<SessionEnv, Page<T>> pageDirect<T>(DynamoTable<T> table, Func<ReadSpec> spec)
        where T : class, new() =>
        pageDirect(table, spec, Same<T>.Item);

    private static Aff<SessionEnv, Seq<T>> collectDirect<T>(DynamoTable<T> table, Func<ReadSpec> spec)
        where T : class, new() =>
        collectDirect(table, spec, Same<T>.Item);

    private static Aff<SessionEnv, IAsyncEnumerable<T>> streamDirect<T>(DynamoTable<T> table, Func<ReadSpec> spec)
        where T : class, new() =>
        streamDirect(table, spec, Same<T>.Item);

    private static Aff<SessionEnv, Page<R>> pageDirect<T, R>(DynamoTable<T> table, Func<ReadSpec> spec, Func<T, R> shape)
        where T : class, new() =>
        withPlace(table, async (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            var result = await DirectPages.Page(table.Mapper, read, session, null, ct).ConfigureAwait(false);
            return new Page<R>(result.Items.ConvertAll(i => shape(i.Resolve(table.Mapper))), read.TokenAfter(session.ReachTag, result.Last));
        });

    private static Aff<SessionEnv, Seq<R>> collectDirect<T, R>(DynamoTable<T> table, Func<ReadSpec> spec, Func<T, R> shape)
        where T : class, new() =>
        withPlace(table, async (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            var items = new List<R>();
            await foreach (var item in Reader.Items(read, session, DirectPages.For(table.Mapper), ct).ConfigureAwait(false))
            {
                items.Add(shape(item.Resolve(table.Mapper)));
            }

            return toSeq(items);
        });

    private static Aff<SessionEnv, IAsyncEnumerable<R>> streamDirect<T, R>(DynamoTable<T> table, Func<ReadSpec> spec, Func<T, R> shape)
        where T : class, new() =>
        withPlace(table, (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            var items = Reader.Items(read, session, DirectPages.For(table.Mapper), ct);

            // The stream holds a lease on its session until its enumeration ends, so a pool never disposes it mid-read.
            return Task.FromResult(session.Leased(SessionCall.KeepingBinding(Resolved(items, table.Mapper, shape, CancellationToken.None))));
        });

    private static async IAsyncEnumerable<R> Resolved<T, R>(IAsyncEnumerable<ReadItem<T>> read, ItemMapper<T> mapper, Func<T, R> shape, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, new()
    {
        // The enumerator's token (WithCancellation, or the facade's) reaches the page reader, which checks it before every page.
        await foreach (var item in read.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return shape(item.Resolve(mapper));
        }
    }

    /// <summary>The identity shaping, one delegate per class.</summary>
    private static class Same<T>
    {
        public static readonly Func<T, T> Item = static item => item;
    }
}

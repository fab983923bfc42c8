using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// Scans and queries of a mapped class, read directly (<see cref="DirectPages"/>): the same requests, paging,
/// sessions and leases as the attribute-map reads beside them in <c>Dynamo.Reads.cs</c>, with objects in the pages.
/// </summary>
public static partial class Dynamo
{
    private static Aff<SessionEnv, Page<T>> pageDirect<T>(DynamoTable<T> table, Func<ReadSpec> spec)
        where T : class, new() =>
        withPlace(table, async (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            var result = await DirectPages.Page(table.Mapper, read, session, null, ct).ConfigureAwait(false);
            return new Page<T>(result.Items.ConvertAll(i => i.Resolve(table.Mapper)), read.TokenAfter(session.ReachTag, result.Last));
        });

    private static Aff<SessionEnv, Seq<T>> collectDirect<T>(DynamoTable<T> table, Func<ReadSpec> spec)
        where T : class, new() =>
        withPlace(table, async (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            var items = new List<T>();
            await foreach (var item in Reader.Items(read, session, DirectPages.For(table.Mapper), ct).ConfigureAwait(false))
            {
                items.Add(item.Resolve(table.Mapper));
            }

            return toSeq(items);
        });

    private static Aff<SessionEnv, IAsyncEnumerable<T>> streamDirect<T>(DynamoTable<T> table, Func<ReadSpec> spec)
        where T : class, new() =>
        withPlace(table, (session, place, ct) =>
        {
            var read = spec().In(place.Name).From(session.ReachTag);
            var items = Reader.Items(read, session, DirectPages.For(table.Mapper), ct);
            return Task.FromResult(session.Leased(SessionCall.KeepingBinding(Resolved(items, table.Mapper, CancellationToken.None))));
        });

    private static async IAsyncEnumerable<T> Resolved<T>(IAsyncEnumerable<ReadItem<T>> read, ItemMapper<T> mapper, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, new()
    {
        await foreach (var item in read.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item.Resolve(mapper);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using LanguageExt;

namespace SessionEffects;

/// <summary>
/// LINQ queries (<see cref="fetch{R}"/>, <see cref="fetchPage{R}"/>, <see cref="fetchStream{R}"/>) run as the typed
/// reads of their table class: the query gives its <see cref="DynamoTable{T}"/> and its shaping back through
/// <see cref="IQueryRunner{R, X}"/>, so a mapped class reads straight from the response JSON (an item it cannot read
/// exactly on its own the attribute-map way), as <c>scan</c> and <c>query</c> do.
/// </summary>
public static partial class Dynamo
{
    private sealed class FetchAll<R>(Func<ReadSpec> spec) : IQueryRunner<R, Aff<SessionEnv, Seq<R>>>
    {
        public Aff<SessionEnv, Seq<R>> Run<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, Func<T, R> shape)
            where T : class, new() =>
            collectDirect(table, spec, shape);
    }

    private sealed class FetchPage<R>(Func<ReadSpec> spec) : IQueryRunner<R, Aff<SessionEnv, Page<R>>>
    {
        public Aff<SessionEnv, Page<R>> Run<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, Func<T, R> shape)
            where T : class, new() =>
            pageDirect(table, spec, shape);
    }

    private sealed class FetchStream<R>(Func<ReadSpec> spec) : IQueryRunner<R, Aff<SessionEnv, IAsyncEnumerable<R>>>
    {
        public Aff<SessionEnv, IAsyncEnumerable<R>> Run<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, Func<T, R> shape)
            where T : class, new() =>
            streamDirect(table, spec, shape);
    }
}

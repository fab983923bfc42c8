using System;
using System.Diagnostics.CodeAnalysis;

namespace SessionEffects;

/// <summary>
/// What runs a LINQ query given its table class back: an <see cref="ItemQuery{R}"/> knows only its result type, while
/// the direct read (straight from the response JSON into objects) needs the class of the items it reads. The query
/// hands its typed table and the shaping of each item to <see cref="Run{T}"/> (the effects floor implements it).
/// </summary>
/// <typeparam name="R">The query's result type.</typeparam>
/// <typeparam name="X">What running it gives (an effect).</typeparam>
internal interface IQueryRunner<R, out X>
{
    /// <summary>Runs the query over <paramref name="table"/>, each item read as <typeparamref name="T"/> and shaped by <paramref name="shape"/>.</summary>
    X Run<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, Func<T, R> shape)
        where T : class, new();
}

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;

namespace SessionEffects.CSharp;

/// <summary>
/// How the facade's lazy streams keep SPEC.md's rule: the table's session is resolved when the method is called, and
/// the enumeration reads through that session wherever and whenever it runs. The cancellation source lives exactly as
/// long as the enumeration, linked to the method's token and to <c>WithCancellation</c>'s.
/// </summary>
internal static class Streams
{
    /// <summary>Pins <paramref name="table"/>'s current session and returns a stream that opens the core stream with it.</summary>
    public static IAsyncEnumerable<T> Open<T>(DynamoTable table, Func<Aff<SessionEnv, IAsyncEnumerable<T>>> open, CancellationToken cancellationToken)
    {
        var (root, frames) = Sessions.Visible();
        var session = Bindings.Resolve(root, frames, table, out var origin);
        return Enumerate(root, table, session, origin, open, cancellationToken);
    }

    private static async IAsyncEnumerable<T> Enumerate<T>(
        BindingRoot root, DynamoTable table, AwsSession session, BindingOrigin origin, Func<Aff<SessionEnv, IAsyncEnumerable<T>>> open, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The compiler links the method's token and the enumerator's into cancellationToken; this environment's source
        // is linked to it and disposed when the enumeration ends, breaks or throws.
        var env = SessionEnv.New(root, cancellationToken);
        try
        {
            // Pinned as a restore scope that traces still report with the origin the session had when the stream was made.
            var opened = await Scope.pinned(table, session, origin, open()).Run(env).ConfigureAwait(false);
            var items = opened.Match(static s => s, static error => Rethrow<IAsyncEnumerable<T>>(error));
            await foreach (var item in items.WithCancellation(env.CancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            env.CancellationTokenSource.Dispose();
        }
    }

    private static R Rethrow<R>(LanguageExt.Common.Error error)
    {
        ExceptionDispatchInfo.Capture(error.ToException()).Throw();
        return default!;
    }
}

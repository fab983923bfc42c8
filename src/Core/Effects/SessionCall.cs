using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using LanguageExt.Common;

namespace SessionEffects;

/// <summary>
/// Where every request of every operation meets its session's client; a failure is given its context (operation,
/// table, masked session) by <see cref="Failures.InContext"/>, the one place that builds it. Requests are built before
/// they get here, so a caller's bad input keeps its own exception type; what fails here is AWS, the transport or the
/// session.
/// </summary>
/// <remarks>
/// The one place that observes requests, too: while someone listens, each request is an activity of the
/// <c>SessionEffects</c> source and a measurement of the <c>SessionEffects</c> meter; while nobody does, it runs exactly
/// as it would without them (one check). A failure is logged here, once per failed request.
/// </remarks>
internal static partial class SessionCall
{
    /// <summary>Sends one request through <paramref name="session"/>'s client.</summary>
    /// <param name="session">The session the operation resolved to.</param>
    /// <param name="operation">The DynamoDB operation, for messages.</param>
    /// <param name="target">What it addresses, for messages (<c>table users</c>).</param>
    /// <param name="request">Sends the request.</param>
    /// <param name="cancellationToken">The caller's token; cancellation by it is passed through unchanged.</param>
    /// <param name="detail">What only the operation knows about a failure, for the message.</param>
    public static Task<R> Run<R>(
        AwsSession session, string operation, string target, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken cancellationToken, Func<Exception, string?>? detail = null) =>
        Send(session, operation, target, request, static (db, send, ct) => send(db, ct), Answer<Func<IAmazonDynamoDB, CancellationToken, Task<R>>, R>.AsIs, cancellationToken, detail);

    /// <summary>Sends one request addressed to a table.</summary>
    public static Task<R> Run<R>(AwsSession session, string operation, DynamoTable table, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken cancellationToken) =>
        Run(session, operation, PhysicalTable.In(session, table).Target, request, cancellationToken);

    /// <summary>Sends one request addressed to a table as its session names it.</summary>
    public static Task<R> Run<R>(AwsSession session, string operation, PhysicalTable table, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken cancellationToken) =>
        Run(session, operation, table.Target, request, cancellationToken);

    /// <summary>
    /// An operation of one request as the body of an effect, in one async step (the hot path of get, save, delete and
    /// update, where every layer of <c>await</c> is a measurable share of a call; benchmarks/README.md): resolves
    /// <paramref name="table"/>'s session in <paramref name="env"/> now, builds the request, sends it through the
    /// session's client and maps the answer. What fails is a failed <see cref="Fin{A}"/>, never a throw: bad input and
    /// mapping errors keep their own exception; AWS and transport failures get their context, as in every other request.
    /// </summary>
    /// <param name="env">The environment the effect runs in.</param>
    /// <param name="table">The table the request addresses.</param>
    /// <param name="build">Builds the request for the table's physical name (may refuse the caller's input).</param>
    /// <param name="operation">The DynamoDB operation the request is, for messages and traces.</param>
    /// <param name="send">Sends it with the client (a static lambda: nothing captured).</param>
    /// <param name="map">Maps the answer.</param>
    public static ValueTask<Fin<R>> Single<Q, S, R>(
        SessionEnv env, DynamoTable table, Func<string, Q> build, Func<Q, string> operation, Func<IAmazonDynamoDB, Q, CancellationToken, Task<S>> send, Func<Q, S, R> map)
    {
        if (Telemetry.Observed)
        {
            // Async from the start: the binding remembered for the trace stays in this operation's flow.
            return ObservedSingle(env, table, build, operation, send, map);
        }

        AwsSession session;
        Q request;
        string name;
        PhysicalTable place;
        try
        {
            session = env.Resolve(table);
            place = PhysicalTable.In(session, table);
            request = build(place.Name);
            name = operation(request);
        }
        catch (Exception ex)
        {
            return ValueTask.FromResult(Fin<R>.Fail(Error.New(ex)));
        }

        return GuardedFin(session, name, place.Target, request, send, map, env.CancellationToken);
    }

    private static Task<R> Send<Q, S, R>(
        AwsSession session, string operation, string target, Q request, Func<IAmazonDynamoDB, Q, CancellationToken, Task<S>> send, Func<Q, S, R> map, CancellationToken cancellationToken, Func<Exception, string?>? detail) =>
        Telemetry.Observed
            ? Observed(session, operation, target, request, send, map, cancellationToken, detail)
            : Guarded(session, operation, target, request, send, map, cancellationToken, detail);

    private static async Task<R> Guarded<Q, S, R>(
        AwsSession session, string operation, string target, Q request, Func<IAmazonDynamoDB, Q, CancellationToken, Task<S>> send, Func<Q, S, R> map, CancellationToken cancellationToken, Func<Exception, string?>? detail)
    {
        S answer;
        try
        {
            // Leased while the request runs (an evicted pooled session is disposed only after the release), with its
            // credentials fetched on the async path first (the SDK's signer would otherwise block a thread for them).
            using var lease = await session.LeaseReadyAsync().ConfigureAwait(false);
            answer = await send(session.DynamoDB, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!Failures.IsCallersCancellation(ex, cancellationToken))
        {
            throw Failed(ex, operation, target, session, detail);
        }

        return map(request, answer);
    }

    /// <summary><see cref="Guarded{Q, S, R}"/> with its outcome as a <see cref="Fin{A}"/>: one async step for an effect.</summary>
    /// <remarks>
    /// Its state machine comes from a pool (the effect awaits it exactly once, which pooling requires), so this step
    /// allocates nothing of its own per request.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Fin<R>> GuardedFin<Q, S, R>(
        AwsSession session, string operation, string target, Q request, Func<IAmazonDynamoDB, Q, CancellationToken, Task<S>> send, Func<Q, S, R> map, CancellationToken cancellationToken)
    {
        S answer;
        try
        {
            // As in Guarded: leased while the request runs, credentials fetched on the async path first.
            using var lease = await session.LeaseReadyAsync().ConfigureAwait(false);
            answer = await send(session.DynamoDB, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return Fin<R>.Fail(Error.New(Failures.IsCallersCancellation(ex, cancellationToken) ? ex : Failed(ex, operation, target, session, null)));
        }

        try
        {
            return Fin<R>.Succ(map(request, answer));
        }
        catch (Exception ex)
        {
            return Fin<R>.Fail(Error.New(ex));
        }
    }

    /// <summary>A failed request, logged once, as the exception with its context (<see cref="Failures.InContext"/>).</summary>
    private static Exception Failed(Exception exception, string operation, string target, AwsSession session, Func<Exception, string?>? detail)
    {
        LogFailure(exception, operation, target, session);
        return Failures.InContext(exception, operation, target, session, detail);
    }

    private static void LogFailure(Exception exception, string operation, string target, AwsSession session)
    {
        if (exception is ConditionalCheckFailedException or TransactionCanceledException)
        {
            // An unmet condition is an answer the caller asked for (optimistic locking, a guarded write), not a fault.
            Log.ConditionNotMet(Log.Requests, operation, target, session, Failures.Code(exception));
        }
        else
        {
            Log.RequestFailed(Log.Requests, exception, operation, target, session, Failures.Code(exception));
        }
    }

    /// <summary>The answer as it is, one cached delegate per request and answer type.</summary>
    private static class Answer<Q, S>
    {
        public static readonly Func<Q, S, S> AsIs = static (_, answer) => answer;
    }
}

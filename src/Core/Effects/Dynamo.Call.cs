using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// Table operations as effects. Each one resolves the table's session when it runs (so it follows every
/// <see cref="Scope.useSession{A}"/> around it), builds its request from values, sends it through that session's cached
/// client, and maps the answer. AWS errors stay the SDK's own exception types, with the table, the operation and the
/// redacted session in the message. Open it with <c>using static SessionEffects.Dynamo;</c>.
/// </summary>
/// <remarks>
/// The module is split by theme: tables (<c>Dynamo.Tables.cs</c>), items (<c>Dynamo.Items.cs</c>), reads
/// (<c>Dynamo.Reads.cs</c>), batches (<c>Dynamo.Batches.cs</c>), transactions (<c>Dynamo.Transactions.cs</c>) and
/// copies (<c>Dynamo.Copies.cs</c>); this file holds what they share.
/// </remarks>
public static partial class Dynamo
{
    /// <summary>An operation of one request: resolve the session (and the table's physical name) now, build and send, map.</summary>
    private static Aff<SessionEnv, R> call<R>(DynamoTable table, string operation, Func<IAmazonDynamoDB, string, CancellationToken, Task<R>> request) =>
        single(table, name => (Name: name, Send: request), _ => operation, static (db, q, ct) => q.Send(db, q.Name, ct), static (_, answer) => answer).ToEffect();

    /// <summary>
    /// An operation of one request, in one async step (<see cref="SessionCall.Single{Q, S, R}"/>): resolve the session
    /// now, <paramref name="build"/> the request for the table's physical name, send it, <paramref name="map"/> the answer.
    /// </summary>
    private static SingleRequest<Q, S, R> single<Q, S, R>(
        DynamoTable table, Func<string, Q> build, Func<Q, string> operation, Func<IAmazonDynamoDB, Q, CancellationToken, Task<S>> send, Func<Q, S, R> map)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new SingleRequest<Q, S, R>(table, build, operation, send, map);
    }

    /// <summary>
    /// Resolve <paramref name="table"/>'s session here and now and run <paramref name="body"/> with it. The body sends
    /// its requests through <see cref="SessionCall"/>, which gives AWS failures their context.
    /// </summary>
    private static Aff<SessionEnv, R> withSession<R>(DynamoTable table, Func<AwsSession, CancellationToken, Task<R>> body)
    {
        ArgumentNullException.ThrowIfNull(table);
        return withEnv((env, ct) => body(SessionCall.Resolve(env, table), ct));
    }

    /// <summary>
    /// <see cref="withSession{R}"/> with the table as the resolved session names it (<see cref="PhysicalTable"/>):
    /// the physical name is resolved in the same step as the session.
    /// </summary>
    private static Aff<SessionEnv, R> withPlace<R>(DynamoTable table, Func<AwsSession, PhysicalTable, CancellationToken, Task<R>> body)
    {
        ArgumentNullException.ThrowIfNull(table);
        return withEnv((env, ct) =>
        {
            var session = SessionCall.Resolve(env, table);
            return body(session, PhysicalTable.In(session, table), ct);
        });
    }

    /// <summary>An answer an operation does not return (a delete's): <see cref="Unit"/>.</summary>
    private static Unit Done<Q, S>(Q request, S answer) => unit;

    /// <summary>
    /// Where an operation of several requests (batches, transactions, reads, copies) meets the bindings: run
    /// <paramref name="body"/> with the environment (to resolve tables now) and turn what was thrown into a failure.
    /// Operations of one request do the same in <see cref="SessionCall.Single{Q, S, R}"/>, one async step fewer.
    /// </summary>
    internal static Aff<SessionEnv, R> withEnv<R>(Func<SessionEnv, CancellationToken, Task<R>> body) =>
        LanguageExt.Aff<SessionEnv, R>.EffectMaybe(async env =>
        {
            try
            {
                return FinSucc(await body(env, env.CancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                return FinFail<R>(LanguageExt.Common.Error.New(ex));
            }
        });
}

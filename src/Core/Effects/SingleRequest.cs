using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using LanguageExt;

namespace SessionEffects;

/// <summary>
/// An operation of one request as a value: the table, how to build the request for its physical name, which operation it is, how to send it
/// and how to map the answer. <see cref="ToEffect"/> is what <c>Dynamo.get</c>, <c>save</c>, <c>delete</c> and
/// <c>update</c> return; the facade runs the same value with <see cref="Run"/> directly, without LanguageExt's
/// <c>Run</c> around it (one async layer fewer per call, the facade's whole overhead on a GetItem; benchmarks/README.md).
/// </summary>
/// <typeparam name="Q">The request.</typeparam>
/// <typeparam name="S">The SDK's answer.</typeparam>
/// <typeparam name="R">The operation's result.</typeparam>
internal sealed class SingleRequest<Q, S, R>(
    DynamoTable table, Func<string, Q> build, Func<Q, string> operation, Func<IAmazonDynamoDB, Q, CancellationToken, Task<S>> send, Func<Q, S, R> map)
{
    /// <summary>Runs the operation in <paramref name="env"/> (<see cref="SessionCall.Single{Q, S, R}"/>): never throws.</summary>
    public ValueTask<Fin<R>> Run(SessionEnv env) => SessionCall.Single(env, table, build, operation, send, map);

    /// <summary>The operation as an effect.</summary>
    public Aff<SessionEnv, R> ToEffect() => Aff<SessionEnv, R>.EffectMaybe(Run);
}

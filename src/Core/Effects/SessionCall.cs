using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;

namespace SessionEffects;

/// <summary>
/// Where every request of every operation meets its session's client, inside <see cref="Failures.Guard{R}"/>, the
/// one place a failure is given its context (operation, table, masked session). Requests are built before they get
/// here, so a caller's bad input keeps its own exception type; what fails here is AWS, the transport or the session.
/// </summary>
internal static class SessionCall
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
        Failures.Guard(operation, target, session, async ct =>
        {
            // Leased while the request runs (an evicted pooled session is disposed only after the release), with its
            // credentials fetched on the async path first (the SDK's signer would otherwise block a thread for them).
            using var lease = await session.LeaseReadyAsync().ConfigureAwait(false);
            return await request(session.DynamoDB, ct).ConfigureAwait(false);
        }, cancellationToken, detail);

    /// <summary>Sends one request addressed to a table.</summary>
    public static Task<R> Run<R>(AwsSession session, string operation, Table table, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken cancellationToken) =>
        Run(session, operation, "table " + table.Name, request, cancellationToken);
}

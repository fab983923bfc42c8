using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects.CSharp;

/// <summary>
/// Transactions over one or more tables, run with the bindings visible where they are called (the core's
/// <see cref="Dynamo.transactWrite"/> and <see cref="Dynamo.transactGet"/>). All tables must resolve to the same
/// session: a transaction whose tables are bound to different accounts or regions is refused before anything is sent.
/// </summary>
public static class Transactions
{
    /// <summary>Writes all parts or none (puts, updates, deletes, condition checks), versions honoured as in single writes.</summary>
    /// <param name="parts">Up to 100 parts (<see cref="WritePart.Put{T}"/>, <see cref="WritePart.Update{T}"/>, …), one per item.</param>
    /// <param name="clientRequestToken">An idempotency token (1–36 characters).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    /// <exception cref="TransactionSessionException">The parts' tables resolve to different sessions; nothing was sent.</exception>
    /// <exception cref="TransactionCanceledException">A part's condition failed (or a version was stale); nothing was written. The message names each failed part's table and key.</exception>
    public static Task TransactWriteAsync(IEnumerable<WritePart> parts, string? clientRequestToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return Sessions.RunAsync(Dynamo.transactWrite(parts, clientRequestToken), cancellationToken);
    }

    /// <summary>Reads the items of all parts at one point in time; find each with <see cref="TransactGetResult.Find{T}"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    /// <exception cref="TransactionSessionException">The parts' tables resolve to different sessions; nothing was sent.</exception>
    public static Task<TransactGetResult> TransactGetAsync(IEnumerable<GetPart> parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return Sessions.RunAsync(Dynamo.transactGet(parts), cancellationToken);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.Contracts;
using System.Linq;
using System.Threading;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// Transactions over one or more tables. Every part's table is resolved when the transaction runs, and the transaction
/// runs only if all of them resolve to sessions that reach the same thing (<see cref="AwsSession.ReachesSameAs"/>): DynamoDB transactions cannot span accounts or regions, so a
/// mix is refused before anything is sent (<see cref="TransactionSessionException"/>), naming each table and session.
/// </summary>
public static partial class Dynamo
{
    /// <summary>DynamoDB's limit on the parts of one transaction.</summary>
    private const int MaxTransactionParts = 100;

    /// <summary>
    /// Writes all parts or none (TransactWriteItems). Versioned puts and deletes are optimistic-locked as single writes
    /// are, and the items carry their new versions after the commit. When a part's condition fails the
    /// <c>TransactionCanceledException</c> keeps DynamoDB's <c>CancellationReasons</c> (one per part, in order) and its
    /// message names the table and key of each failed part. No parts: no request.
    /// </summary>
    /// <param name="parts">Up to 100 parts; at most one per item.</param>
    /// <param name="clientRequestToken">An idempotency token (1–36 characters): a retry with the same token and parts within 10 minutes is applied once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> transactWrite(IEnumerable<WritePart> parts, string? clientRequestToken = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return withEnv(async (env, ct) =>
        {
            var list = Parts(parts, "transactWrite");
            if (list.Count == 0)
            {
                return unit;
            }

            if (clientRequestToken is { Length: < 1 or > 36 })
            {
                throw new ArgumentException($"transactWrite: the client request token must be 1 to 36 characters; it has {clientRequestToken.Length}.", nameof(clientRequestToken));
            }

            var (session, place) = SameSession(env, list.Select(p => p.Table), "TransactWriteItems");
            var writes = list.Select((part, i) => Build(part, i).In(place(part.Table).Name)).ToList();
            CheckOneWritePerItem(writes);
            var request = new TransactWriteItemsRequest { TransactItems = writes.ConvertAll(w => w.ToTransactPart()), ClientRequestToken = clientRequestToken };
            await SessionCall.Run(session, "TransactWriteItems", Tables(place, list.Select(p => p.Table)), (db, token) => db.TransactWriteItemsAsync(request, token), ct,
                ex => ex is TransactionCanceledException canceled ? FailedParts(canceled, writes.ConvertAll(w => (w.Table, w.KeyOrItemKey))) : null).ConfigureAwait(false);
            writes.ForEach(w => w.Succeeded());
            return unit;
        });
    }

    /// <summary>
    /// Reads the items of all parts at one point in time (TransactGetItems). Find each part's item with
    /// <see cref="TransactGetResult.Find{T}"/>. No parts: no request.
    /// </summary>
    /// <param name="parts">Up to 100 parts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, TransactGetResult> transactGet(IEnumerable<GetPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return withEnv(async (env, ct) =>
        {
            var list = Parts(parts, "transactGet");
            if (list.Count == 0)
            {
                return new TransactGetResult([], []);
            }

            var (session, place) = SameSession(env, list.Select(p => p.Table), "TransactGetItems");
            var keys = list.Select((part, i) => Checked(part, i, "transactGet", p => p.KeyMap())).ToList();
            var request = new TransactGetItemsRequest
            {
                TransactItems = keys.Select((key, i) => new TransactGetItem { Get = new Get { TableName = place(list[i].Table).Name, Key = key } }).ToList(),
            };
            var response = await SessionCall.Run(session, "TransactGetItems", Tables(place, list.Select(p => p.Table)), (db, token) => db.TransactGetItemsAsync(request, token), ct,
                ex => ex is TransactionCanceledException canceled ? FailedParts(canceled, [.. list.Select((p, i) => (p.Table, keys[i]))]) : null).ConfigureAwait(false);
            var items = response.Responses.Select((r, i) => r.Item is { Count: > 0 } item ? list[i].Map(item) : null).ToList();
            return new TransactGetResult(list, items);
        });
    }

    /// <summary>
    /// The session a transaction over <paramref name="tables"/> would use here and now, or the refusal (internal: the
    /// model property checks the rule without sending anything).
    /// </summary>
    internal static Aff<SessionEnv, AwsSession> transactionSession(IEnumerable<DynamoTable> tables) =>
        withEnv((env, _) => System.Threading.Tasks.Task.FromResult(SameSession(env, tables, "TransactWriteItems").Session));

    private static List<TPart> Parts<TPart>(IEnumerable<TPart> parts, string operation)
        where TPart : class
    {
        var list = parts.ToList();
        if (list.FindIndex(p => p is null) is var nullAt and >= 0)
        {
            throw new ArgumentException($"{operation}: the part at position {nullAt} is null.", nameof(parts));
        }

        return list.Count <= MaxTransactionParts ? list
            : throw new ArgumentException($"{operation}: {list.Count} parts, but DynamoDB allows at most {MaxTransactionParts} in one transaction. Nothing was sent.", nameof(parts));
    }

    /// <summary>
    /// The one account and region every table resolves to now, with each table placed by the naming of the session it
    /// resolves to (two sessions of one account may name tables differently); otherwise the refusal naming each table
    /// and its session.
    /// </summary>
    private static (AwsSession Session, Func<DynamoTable, PhysicalTable> Place) SameSession(SessionEnv env, IEnumerable<DynamoTable> tables, string operation)
    {
        var resolved = tables.Distinct().Select(t => (Table: t, Session: SessionCall.Resolve(env, t))).ToList();

        // By what the sessions reach (credentials identity, region, endpoint), not by object: two sessions built
        // separately from the same keys, or a tenant's session made again by its pool, are one account and region.
        if (resolved.Exists(r => !r.Session.ReachesSameAs(resolved[0].Session)))
        {
            // Each table by the physical name its session gives it (the session's ToString shows its naming).
            throw new TransactionSessionException(operation, [.. resolved.Select(r => (PhysicalTable.In(r.Session, r.Table).Name, r.Session.ToString()))]);
        }

        var sessions = resolved.ToDictionary(r => r.Table, r => r.Session);
        return (resolved[0].Session, table => PhysicalTable.In(sessions[table], table));
    }

    private static ItemWrite Build(WritePart part, int position) => Checked(part, position, "transactWrite", p => p.Build());

    private static TResult Checked<TPart, TResult>(TPart part, int position, string operation, Func<TPart, TResult> build)
        where TPart : class
    {
        try
        {
            return build(part);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{operation}: part {position} ({part}) is invalid: {ex.Message}", ex);
        }
    }

    /// <summary>DynamoDB refuses two parts on one item; say which, before sending.</summary>
    private static void CheckOneWritePerItem(List<ItemWrite> writes)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < writes.Count; i++)
        {
            var id = writes[i].Table.Name + "\u001e" + KeyIdentity.Of(writes[i].Table, writes[i].KeyOrItemKey);
            if (!seen.TryAdd(id, i))
            {
                throw new ArgumentException(
                    $"transactWrite: parts {seen[id]} and {i} both write item {KeyIdentity.Describe(writes[i].Table, writes[i].KeyOrItemKey)} of table {writes[i].Table.Name}; DynamoDB allows one part per item. Nothing was sent.");
            }
        }
    }

    /// <summary>How a transaction's target is named: <c>tables a, dev-b (logical b)</c>.</summary>
    private static string Tables(Func<DynamoTable, PhysicalTable> place, IEnumerable<DynamoTable> tables) =>
        "tables " + string.Join(", ", tables.Distinct().Select(t => place(t).Target["table ".Length..]));

    /// <summary>Each failed part of a cancelled transaction: its position, table, key and DynamoDB's reason.</summary>
    private static string FailedParts(TransactionCanceledException canceled, List<(DynamoTable Table, Dictionary<string, AttributeValue> Key)> parts)
    {
        var reasons = canceled.CancellationReasons ?? [];
        var failed = reasons.Select((r, i) => (Reason: r, Index: i))
            .Where(x => x.Reason.Code is { Length: > 0 } code && code != "None" && x.Index < parts.Count)
            .Select(x => $"part {x.Index} on table {parts[x.Index].Table.Name} key {KeyIdentity.Describe(parts[x.Index].Table, parts[x.Index].Key)}: {x.Reason.Code}{(x.Reason.Message is { Length: > 0 } m ? $" ({m})" : string.Empty)}")
            .ToList();
        return failed.Count == 0 ? string.Empty : "failed: " + string.Join("; ", failed);
    }
}

using System;
using System.Diagnostics.Contracts;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>Table administration: create, describe, check and delete, each waiting for DynamoDB to finish.</summary>
public static partial class Dynamo
{
    private static readonly TimeSpan DefaultTableWait = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Creates the table from its descriptor (keys and indexes; on-demand billing by default, or as the options say),
    /// waits until it and its indexes are ACTIVE, and then enables TTL when the options name an attribute.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, TableDescription> createTable(DynamoTable table, CreateTableOptions? options = null) =>
        withPlace(table, async (session, place, ct) =>
        {
            options ??= new CreateTableOptions();
            var request = TableSchema.CreateRequest(table, options);
            request.TableName = place.Name;
            var created = await SessionCall.Run(session, "CreateTable", place, (db, token) => Create(db, place.Name, request, options.WaitTimeout, token), ct).ConfigureAwait(false);
            if (options.TimeToLiveAttribute is { } ttl)
            {
                await SessionCall.Run(session, "UpdateTimeToLive", place, (db, token) => db.UpdateTimeToLiveAsync(TimeToLive(table, place.Name, ttl, true), token), ct).ConfigureAwait(false);
            }

            return created;
        });

    /// <summary>Turns TTL on (or off) for <paramref name="attribute"/>: DynamoDB deletes items whose value there (epoch seconds) has passed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="attribute"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> updateTimeToLive(DynamoTable table, string attribute, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return call(table, "UpdateTimeToLive", async (db, name, ct) =>
        {
            await db.UpdateTimeToLiveAsync(TimeToLive(table, name, attribute, enabled), ct).ConfigureAwait(false);
            return unit;
        });
    }

    private static UpdateTimeToLiveRequest TimeToLive(DynamoTable table, string tableName, string attribute, bool enabled) =>
        string.IsNullOrWhiteSpace(attribute)
            ? throw new ArgumentException($"TTL on table {table.Name} needs an attribute name.", nameof(attribute))
            : new() { TableName = tableName, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = enabled } };

    private static async Task<TableDescription> Create(IAmazonDynamoDB db, string tableName, CreateTableRequest request, TimeSpan waitTimeout, CancellationToken ct)
    {
        await db.CreateTableAsync(request, ct).ConfigureAwait(false);
        return await TableWait.Active(db, tableName, waitTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Whether the table exists for the session it resolves to.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, bool> tableExists(DynamoTable table) =>
        call(table, "DescribeTable", static (db, name, ct) => Exists(db, name, ct));

    /// <summary>The table's description (status, item count, indexes), as the SDK returns it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, TableDescription> describeTable(DynamoTable table) =>
        call(table, "DescribeTable", static async (db, name, ct) => (await db.DescribeTableAsync(name, ct).ConfigureAwait(false)).Table);

    /// <summary>Deletes the table and waits until it is gone (at most <paramref name="waitTimeout"/>, 5 minutes by default).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> deleteTable(DynamoTable table, TimeSpan? waitTimeout = null) =>
        call(table, "DeleteTable", async (db, name, ct) =>
        {
            await db.DeleteTableAsync(name, ct).ConfigureAwait(false);
            await TableWait.Until(name, "to be deleted", waitTimeout ?? DefaultTableWait, async token => !await Exists(db, name, token).ConfigureAwait(false), ct).ConfigureAwait(false);
            return unit;
        });

    private static async Task<bool> Exists(IAmazonDynamoDB db, string tableName, CancellationToken ct)
    {
        try
        {
            await db.DescribeTableAsync(tableName, ct).ConfigureAwait(false);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }
}

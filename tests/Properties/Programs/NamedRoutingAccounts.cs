using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static LanguageExt.Prelude;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Programs;

/// <summary>
/// The routing world with table namings (issue 23): two accounts on DynamoDB Local, five sessions that differ in account
/// or only in naming — D (account A, plain names), S0 (A, prefix <c>p0-</c>), S1 (B, plain), S2 (B, suffix <c>-s2</c>
/// and events aliased to <c>ev-alias-s2</c>), S3 (A, prefix <c>p3_</c> and users aliased to <c>users-alias3</c>). Each
/// session's tables are created through the session itself; afterwards raw SDK clients look for every item in every
/// (account, physical table) the world has, with the physical names written out here by hand, not by the library.
/// </summary>
public sealed class NamedRoutingAccounts : IAsyncLifetime
{
    private readonly Dictionary<string, IAmazonDynamoDB> raw = [];

    /// <summary>Where each session keeps each table: (account, physical name of users, orders, events), by hand.</summary>
    public static ImmutableDictionary<string, (string Account, string[] Tables)> Places { get; } = new Dictionary<string, (string, string[])>
    {
        ["D"] = ("A", ["users", "orders", "events"]),
        ["S0"] = ("A", ["p0-users", "p0-orders", "p0-events"]),
        ["S1"] = ("B", ["users", "orders", "events"]),
        ["S2"] = ("B", ["users-s2", "orders-s2", "ev-alias-s2"]),
        ["S3"] = ("A", ["users-alias3", "p3_orders", "p3_events"]),
    }.ToImmutableDictionary();

    public World World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var keys = new[] { "A", "B" }.ToDictionary(a => a, a => LocalDynamo.NewAccessKey("Named" + a));
        foreach (var (account, key) in keys)
        {
            raw[account] = await LocalDynamo.RawClientAsync(key);
        }

        var a = await LocalDynamo.SessionAsync(keys["A"]);
        var b = await LocalDynamo.SessionAsync(keys["B"]);
        var sessions = new[]
        {
            a.WithTableNames(TableNames.Prefix("p0-")),
            b,
            b.WithTableNames(TableNames.Suffix("-s2").WithAlias("events", "ev-alias-s2")),
            a.WithTableNames(TableNames.Prefix("p3_").WithAlias("users", "users-alias3")),
        };
        World = new World(a, sessions, WriteAndReadBack, TransactItems);
        await Task.WhenAll(World.Sessions.Add(World.Default).SelectMany(s => World.Tables.Select(t => Run.Value(createTable(t), s))));
    }

    public Task DisposeAsync()
    {
        foreach (var client in raw.Values)
        {
            client.Dispose();
        }

        foreach (var s in World.Sessions.Add(World.Default))
        {
            s.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// For every item a trace says was written, the sessions whose (account, physical table) hold it — looked up with
    /// raw clients in every place of the world; a correct run has exactly the predicted one.
    /// </summary>
    public async Task<ImmutableList<string>> WhereWritesLandedAsync(IEnumerable<string> trace, string prefix)
    {
        var writes = RoutingAccounts.Items(trace, prefix).Select(i => (i.Id, i.Table)).ToList();
        var found = await Task.WhenAll(writes.Select(async w =>
        {
            var holders = new List<string>();
            foreach (var (session, (account, tables)) in Places.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var response = await raw[account].GetItemAsync(new GetItemRequest { TableName = tables[w.Table], Key = RoutingAccounts.RawKey(w.Table, w.Id), ConsistentRead = true });
                if (response.Item is { Count: > 0 })
                {
                    holders.Add(session);
                }
            }

            return $"{w.Id}:T{w.Table}->{string.Join("+", holders.DefaultIfEmpty("nowhere"))}";
        }));
        return [.. found];
    }

    /// <summary>A save, then a consistent get and a query through the same binding: reads must reach the table the save did.</summary>
    private static Aff<SessionEnv, Unit> WriteAndReadBack(int table, string id) => table switch
    {
        0 => from _ in save(DynamoTable.Of<User>(), new User { Id = id, Name = "program" })
             from got in get(DynamoTable.Of<User>(), id, consistentRead: true)
             from ok in Found(got.IsSome, id)
             select unit,
        1 => from _ in save(DynamoTable.Of<Order>(), new Order { CustomerId = id, PlacedAt = 1, Total = 1m })
             from got in query(DynamoTable.Of<Order>(), id, new QueryOptions { ConsistentRead = true })
             from ok in Found(got.Count == 1, id)
             select unit,
        _ => from _ in save(DynamoTable.Of<Event>(), new Event { Id = id })
             from got in get(DynamoTable.Of<Event>(), id, consistentRead: true)
             from ok in Found(got.IsSome, id)
             select unit,
    };

    private static Aff<SessionEnv, Unit> Found(bool found, string id) =>
        found ? SuccessAff<SessionEnv, Unit>(unit) : FailAff<SessionEnv, Unit>(LanguageExt.Common.Error.New($"item {id} was written but not read back through the same binding"));

    private static Aff<SessionEnv, Unit> TransactItems(int first, int second, string id) =>
        transactWrite([Part(first, id + "a"), Part(second, id + "b")]);

    private static WritePart Part(int table, string id) => table switch
    {
        0 => WritePart.Put(DynamoTable.Of<User>(), new User { Id = id, Name = "program" }),
        1 => WritePart.Put(DynamoTable.Of<Order>(), new Order { CustomerId = id, PlacedAt = 1, Total = 1m }),
        _ => WritePart.Put(DynamoTable.Of<Event>(), new Event { Id = id }),
    };
}

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
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Programs;

/// <summary>
/// Five accounts on DynamoDB Local (the default D and sessions S0–S3, each its own access key), each with the three
/// program tables, plus a raw SDK client per account to check afterwards where every item landed.
/// </summary>
public sealed class RoutingAccounts : IAsyncLifetime
{
    private readonly Dictionary<string, IAmazonDynamoDB> raw = [];

    public World World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var names = new[] { "D", "S0", "S1", "S2", "S3" };
        var keys = names.ToDictionary(n => n, n => LocalDynamo.NewAccessKey("Route" + n));
        var sessions = new Dictionary<string, AwsSession>();
        foreach (var n in names)
        {
            sessions[n] = await LocalDynamo.SessionAsync(keys[n]);
            raw[n] = await LocalDynamo.RawClientAsync(keys[n]);
        }

        World = new World(sessions["D"], [sessions["S0"], sessions["S1"], sessions["S2"], sessions["S3"]], WriteItem, TransactItems);
        await Task.WhenAll(names.SelectMany(n => World.Tables.Select(t => Run.Value(createTable(t), sessions[n]))));
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
    /// For every write in <paramref name="trace"/> (<c>w{k}:T{t}->{account}</c>) and both items of every transaction
    /// (<c>t{k}:T{a}+T{b}->{account or refused}</c>), the accounts that hold the item; a correct run has exactly the
    /// predicted one for each, and a refused transaction's items are nowhere.
    /// </summary>
    public async Task<ImmutableList<string>> WhereWritesLandedAsync(IEnumerable<string> trace, string prefix)
    {
        var writes = Items(trace, prefix).Select(i => (i.Id, i.Table)).ToList();
        var found = await Task.WhenAll(writes.Select(async w =>
        {
            var holders = new List<string>();
            foreach (var (name, client) in raw)
            {
                var response = await client.GetItemAsync(new GetItemRequest { TableName = World.Tables[w.Table].Name, Key = RawKey(w.Table, w.Id), ConsistentRead = true });
                if (response.Item is { Count: > 0 })
                {
                    holders.Add(name);
                }
            }

            return $"{w.Id}:T{w.Table}->{string.Join("+", holders.DefaultIfEmpty("nowhere"))}";
        }));
        return [.. found];
    }

    /// <summary>The same items with their predicted accounts (nowhere for a refused transaction), for comparison.</summary>
    public static ImmutableList<string> PredictedWrites(IEnumerable<string> trace, string prefix) =>
        [.. Items(trace, prefix).Select(i => $"{i.Id}:T{i.Table}->{(i.Account == "refused" ? "nowhere" : i.Account)}")];

    /// <summary>Every item a trace says was written (or refused): id, table and account.</summary>
    internal static IEnumerable<(string Id, int Table, string Account)> Items(IEnumerable<string> trace, string prefix)
    {
        static int TableOf(string t) => int.Parse(t[1..], System.Globalization.CultureInfo.InvariantCulture);
        foreach (var e in trace)
        {
            var colon = e.IndexOf(':');
            if (colon < 0 || e[0] is not ('w' or 't'))
            {
                continue;
            }

            var id = prefix + e[..colon];
            var (tables, account) = (e[(colon + 1)..e.IndexOf("->", StringComparison.Ordinal)], e[(e.IndexOf("->", StringComparison.Ordinal) + 2)..]);
            if (e[0] == 'w')
            {
                yield return (id, TableOf(tables), account);
            }
            else
            {
                // One session for both parts, or each part's own ("S0+D") where two sessions of one account name tables apart.
                var pair = tables.Split('+');
                var sessions = account.Split('+');
                yield return (id + "a", TableOf(pair[0]), sessions[0]);
                yield return (id + "b", TableOf(pair[1]), sessions[^1]);
            }
        }
    }

    private static Aff<SessionEnv, Unit> WriteItem(int table, string id) => table switch
    {
        0 => save(DynamoTable.Of<User>(), new User { Id = id, Name = "program" }),
        1 => save(DynamoTable.Of<Order>(), new Order { CustomerId = id, PlacedAt = 1, Total = 1m }),
        _ => save(DynamoTable.Of<Event>(), new Event { Id = id }),
    };

    private static Aff<SessionEnv, Unit> TransactItems(int first, int second, string id) =>
        transactWrite([Part(first, id + "a"), Part(second, id + "b")]);

    private static WritePart Part(int table, string id) => table switch
    {
        0 => WritePart.Put(DynamoTable.Of<User>(), new User { Id = id, Name = "program" }),
        1 => WritePart.Put(DynamoTable.Of<Order>(), new Order { CustomerId = id, PlacedAt = 1, Total = 1m }),
        _ => WritePart.Put(DynamoTable.Of<Event>(), new Event { Id = id }),
    };

    internal static Dictionary<string, AttributeValue> RawKey(int table, string id) => table switch
    {
        0 => new() { ["id"] = new AttributeValue { S = id } },
        1 => new() { ["customer"] = new AttributeValue { S = id }, ["placed"] = new AttributeValue { N = "1" } },
        _ => new() { ["Id"] = new AttributeValue { S = id } },
    };
}

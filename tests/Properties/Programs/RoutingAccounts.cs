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

        World = new World(sessions["D"], [sessions["S0"], sessions["S1"], sessions["S2"], sessions["S3"]], WriteItem);
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
    /// For every write in <paramref name="trace"/> (<c>w{k}:T{t}->{account}</c>), the accounts that hold item
    /// <c>{prefix}w{k}</c>; a correct run has exactly the predicted one for each.
    /// </summary>
    public async Task<ImmutableList<string>> WhereWritesLandedAsync(IEnumerable<string> trace, string prefix)
    {
        var writes = trace.Where(e => e.StartsWith('w')).Select(e =>
        {
            var (id, rest) = (e[..e.IndexOf(':')], e[(e.IndexOf(':') + 2)..]);
            return (Id: prefix + id, Table: int.Parse(rest[..rest.IndexOf('-')], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
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

    /// <summary>The same trace entries, with each write's prefix and predicted account, for comparison.</summary>
    public static ImmutableList<string> PredictedWrites(IEnumerable<string> trace, string prefix) =>
        [.. trace.Where(e => e.StartsWith('w')).Select(e => prefix + e)];

    private static Aff<SessionEnv, Unit> WriteItem(int table, string id) => table switch
    {
        0 => save(Table.Of<User>(), new User { Id = id, Name = "program" }),
        1 => save(Table.Of<Order>(), new Order { CustomerId = id, PlacedAt = 1, Total = 1m }),
        _ => save(Table.Of<Event>(), new Event { Id = id }),
    };

    private static Dictionary<string, AttributeValue> RawKey(int table, string id) => table switch
    {
        0 => new() { ["id"] = new AttributeValue { S = id } },
        1 => new() { ["customer"] = new AttributeValue { S = id }, ["placed"] = new AttributeValue { N = "1" } },
        _ => new() { ["Id"] = new AttributeValue { S = id } },
    };
}

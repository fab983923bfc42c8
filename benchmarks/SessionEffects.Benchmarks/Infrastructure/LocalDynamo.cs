using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks.Infrastructure;

/// <summary>
/// DynamoDB Local for a benchmark case and the "accounts" on it. DynamoDB Local keeps one database per access key id
/// and region, so every access key made here is a fresh, empty account.
/// </summary>
/// <remarks>
/// Full mode: each case runs in its own process, and its <c>[GlobalSetup]</c> starts one DynamoDB Local that its
/// <c>[GlobalCleanup]</c> stops. Short mode runs every case in the host process, so they share one instance (stopped
/// when the process exits) instead of paying the java start-up per case.
/// </remarks>
internal static class LocalDynamo
{
    public const string Region = "us-east-1";

    public static DynamoTable<BenchItem> Table { get; } = SessionEffects.DynamoTable.Of<BenchItem>();

    public static async Task<DynamoDbLocal> StartAsync() =>
        BenchMode.Short
            ? await DynamoDbLocal.Shared.ConfigureAwait(false)
            : await DynamoDbLocal.StartAsync().ConfigureAwait(false);

    public static ValueTask StopAsync(DynamoDbLocal? local) =>
        local is null || BenchMode.Short ? ValueTask.CompletedTask : local.DisposeAsync();

    /// <summary>A new access key id nobody else uses (the Testing package's, letters and digits only).</summary>
    public static string NewAccessKey(string prefix) => DynamoDbLocal.NewAccessKey(prefix);

    /// <summary>A session for a new account on <paramref name="local"/>.</summary>
    public static AwsSession NewAccount(DynamoDbLocal local, string prefix) => local.NewAccount(prefix, Region);

    public static AwsSession Session(Uri endpoint, string accessKey) =>
        AwsSession.FromKeys(accessKey, "bench-secret-" + accessKey, Region).WithEndpoint(endpoint);

    /// <summary>Creates the benchmark table in the session's account and waits until it is active.</summary>
    public static async Task CreateTableAsync(AwsSession session)
    {
        var env = SessionEnv.New(session);
        (await Dynamo.createTable(Table).Run(env).ConfigureAwait(false)).ThrowIfFail();
    }

    /// <summary>Deletes the benchmark table in the session's account (if it is there) and creates it again, empty.</summary>
    public static async Task RecreateTableAsync(AwsSession session)
    {
        var env = SessionEnv.New(session);
        if ((await Dynamo.tableExists(Table).Run(env).ConfigureAwait(false)).ThrowIfFail())
        {
            (await Dynamo.deleteTable(Table).Run(env).ConfigureAwait(false)).ThrowIfFail();
        }

        (await Dynamo.createTable(Table).Run(env).ConfigureAwait(false)).ThrowIfFail();
    }

    public static BenchItem Item(int i) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"item-{i:D6}"),
        Payload = string.Create(CultureInfo.InvariantCulture, $"payload {i:D6} ") + new string('x', 90),
        Number = i,
    };

    /// <summary>Writes items 0..count-1 with the plain SDK (batches of 25, unprocessed items retried).</summary>
    public static async Task SeedAsync(AwsSession session, int count)
    {
        var requests = Enumerable.Range(0, count).Select(i => new WriteRequest(new PutRequest(RawAttributes(Item(i)))));
        foreach (var chunk in requests.Chunk(25))
        {
            await RawCopy.WriteBatchAsync(session.DynamoDB, Table.Name, [.. chunk], CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The attribute map of an item, written by hand as raw-SDK code would.</summary>
    public static Dictionary<string, AttributeValue> RawAttributes(BenchItem item) => new(StringComparer.Ordinal)
    {
        ["id"] = new AttributeValue { S = item.Id },
        ["payload"] = new AttributeValue { S = item.Payload },
        ["n"] = new AttributeValue { N = item.Number.ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>The GetItem request a raw-SDK caller writes for <paramref name="id"/>.</summary>
    public static GetItemRequest RawGet(string id) => new()
    {
        TableName = Table.Name,
        Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["id"] = new AttributeValue { S = id } },
    };

    /// <summary>
    /// Sends <paramref name="count"/> GetItems so DynamoDB Local's JVM has compiled its hot paths before measuring: a
    /// fresh instance answers several times slower for the first few thousand requests, which would swamp the
    /// microseconds compared here.
    /// </summary>
    public static async Task WarmUpAsync(IAmazonDynamoDB client, string id, int count = 3000)
    {
        var request = RawGet(id);
        for (var i = 0; i < count; i++)
        {
            await client.GetItemAsync(request).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the item with the plain client and fails when it is not there (a sanity check in setup).</summary>
    public static async Task ExpectItemAsync(IAmazonDynamoDB client, string id)
    {
        var response = await client.GetItemAsync(RawGet(id)).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 })
        {
            throw new InvalidOperationException($"Benchmark setup: item {id} is missing.");
        }
    }
}

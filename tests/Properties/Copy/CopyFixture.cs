using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Copy;

/// <summary>Seeds a source account with shipments written by a plain SDK client: mixed sizes up to 100 KB and attributes the class does not map.</summary>
internal static class CopyFixture
{
    public static readonly DynamoTable<Shipment> Shipments = DynamoTable.Of<Shipment>();

    /// <summary>
    /// Creates the table (with TTL on "expires" where the engine has TTL) and writes <paramref name="count"/> items;
    /// returns their total size in bytes.
    /// </summary>
    /// <remarks>
    /// TTL is set only where the engine supports it so the copy tests also run on dynalite, which has no UpdateTimeToLive
    /// (its DescribeTimeToLive answers DISABLED, so a copy there simply has no TTL to carry). The test that asserts the copied
    /// TTL keeps its <see cref="EngineFeature.TimeToLive"/> requirement.
    /// </remarks>
    public static async Task<long> SeedAsync(AwsSession source, int count, int seed = 7)
    {
        var ttl = EngineFeatures.SkipReason(EngineFeature.TimeToLive) is null ? "expires" : null;
        await Run.Value(createTable(Shipments, new CreateTableOptions { TimeToLiveAttribute = ttl }), source);
        var random = new Random(seed);
        var items = Enumerable.Range(0, count).Select(i => Item(i, random)).ToList();
        await Task.WhenAll(items.Chunk(25).Select((chunk, i) => (chunk, i)).GroupBy(x => x.i % 4).Select(async group =>
        {
            foreach (var (chunk, _) in group)
            {
                var pending = new Dictionary<string, List<WriteRequest>> { ["shipments"] = [.. chunk.Select(item => new WriteRequest(new PutRequest(item)))] };
                while (pending.Count > 0)
                {
                    pending = (await source.DynamoDB.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending })).UnprocessedItems ?? [];
                }
            }
        }));
        return items.Sum(i => i.Sum(kv => kv.Key.Length + (kv.Value.S?.Length ?? 8)));
    }

    /// <summary>One stored item: mostly small, one in a hundred between 10 and 100 KB, with unmapped attributes.</summary>
    public static Dictionary<string, AttributeValue> Item(int i, Random random)
    {
        var size = i % 100 == 0 ? random.Next(10_000, 100_000) : random.Next(20, 500);
        var item = new Dictionary<string, AttributeValue>
        {
            ["tenant"] = new() { S = $"t{i % 37}" },
            ["seq"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
            ["status"] = new() { S = (i % 3) switch { 0 => "new", 1 => "sent", _ => "done" } },
            ["expires"] = new() { N = (4_102_444_800L + i).ToString(CultureInfo.InvariantCulture) },
            ["payload"] = new() { S = new string((char)('a' + (i % 26)), size) },
            ["x_meta"] = new() { M = new() { ["by"] = new() { S = "legacy" }, ["n"] = new() { N = "1.50" } } },
        };
        if (i % 5 == 0)
        {
            item["x_tags"] = new() { SS = ["a", $"t{i % 7}"] };
        }

        return item;
    }

    /// <summary>A session whose default binding is <paramref name="source"/>, for running copies.</summary>
    public static SessionEnv Env(AwsSession source, CancellationToken ct = default) => SessionEnv.New(source, ct);
}

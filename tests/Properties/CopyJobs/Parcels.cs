using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects.Properties.CopyJobs;

/// <summary>
/// A table of small items for the copy tool's job tests, made with the plain SDK on both sides (so no feature beyond
/// tables and batch writes is needed: the tests run on DynamoDB Local and on dynalite).
/// </summary>
internal static class Parcels
{
    public const string Table = "parcels";

    /// <summary>Creates the table (hash key <c>id</c>) in each session and waits for it.</summary>
    public static async Task CreateAsync(params AwsSession[] sessions)
    {
        foreach (var session in sessions)
        {
            await session.DynamoDB.CreateTableAsync(new CreateTableRequest
            {
                TableName = Table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new("id", ScalarAttributeType.S)],
                KeySchema = [new("id", KeyType.HASH)],
            });
            while ((await session.DynamoDB.DescribeTableAsync(Table)).Table.TableStatus != TableStatus.ACTIVE)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Writes <paramref name="count"/> small items (about 40 bytes each) with 8 batch writers.</summary>
    public static async Task SeedAsync(AwsSession source, int count)
    {
        var items = Enumerable.Range(0, count).Select(i => new Dictionary<string, AttributeValue>
        {
            ["id"] = new() { S = i.ToString("D7", CultureInfo.InvariantCulture) },
            ["n"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
            ["kind"] = new() { S = (i % 7).ToString(CultureInfo.InvariantCulture) },
        });
        await Task.WhenAll(items.Chunk(25).Select((chunk, i) => (chunk, i)).GroupBy(x => x.i % 8).Select(async group =>
        {
            foreach (var (chunk, _) in group)
            {
                var pending = new Dictionary<string, List<WriteRequest>> { [Table] = [.. chunk.Select(item => new WriteRequest(new PutRequest(item)))] };
                while (pending.Count > 0)
                {
                    pending = (await source.DynamoDB.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending })).UnprocessedItems ?? [];
                }
            }
        }));
    }
}

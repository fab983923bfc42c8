using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Xunit;

namespace SessionEffects.Properties.Bed;

/// <summary>
/// The test bed itself: DynamoDB Local really separates accounts by access key and region. Every routing test after
/// this one relies on it, so it is checked with the plain SDK and nothing of ours.
/// </summary>
public sealed class DynamoDbLocalBedTests
{
    [Fact]
    public async Task Access_keys_and_regions_are_separate_databases()
    {
        var a = LocalDynamo.NewAccessKey("BedA");
        var b = LocalDynamo.NewAccessKey("BedB");
        using var accountA = await LocalDynamo.RawClientAsync(a);
        using var accountB = await LocalDynamo.RawClientAsync(b);
        using var accountAElsewhere = await LocalDynamo.RawClientAsync(a, "eu-west-1");

        await accountA.CreateTableAsync(new CreateTableRequest
        {
            TableName = "bed",
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });

        // DynamoDB answers CreateTable with CREATING and takes writes once the table is ACTIVE (DynamoDB Local is
        // ACTIVE at once, dynalite a moment later).
        while ((await accountA.DescribeTableAsync("bed")).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(20);
        }

        await accountA.PutItemAsync("bed", new Dictionary<string, AttributeValue> { ["id"] = new() { S = "42" } });

        var read = await accountA.GetItemAsync("bed", new Dictionary<string, AttributeValue> { ["id"] = new() { S = "42" } });
        Assert.Equal("42", read.Item["id"].S);
        Assert.Contains("bed", (await accountA.ListTablesAsync()).TableNames);
        Assert.DoesNotContain("bed", (await accountB.ListTablesAsync()).TableNames ?? []);
        Assert.DoesNotContain("bed", (await accountAElsewhere.ListTablesAsync()).TableNames ?? []);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => accountB.DescribeTableAsync("bed"));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => accountAElsewhere.DescribeTableAsync("bed"));
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SessionEffects.Properties.Bed;
using SessionEffects.Testing;
using Xunit;

namespace SessionEffects.Properties.Engines;

/// <summary>
/// Every difference found between the two engines, each shown on both with the plain SDK. Each test states what
/// DynamoDB's documentation says; the Testing package's readme lists them. If a later engine version changes, the test
/// of that difference fails and the list is updated.
/// </summary>
[Xunit.Trait("Category", "BothEngines")]
public sealed class EngineDifferenceTests
{
    [Theory]
    [InlineData(DynamoEngine.DynamoDbLocal)]
    [InlineData(DynamoEngine.Dynalite)]
    public async Task Transactions_exist_only_on_DynamoDB_Local(DynamoEngine engine)
    {
        // DynamoDB: TransactWriteItems and TransactGetItems are part of the API (Amazon DynamoDB API Reference).
        using var client = await ClientAsync(engine);
        await CreateAsync(client, "txs");
        var write = () => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = [new TransactWriteItem { Put = new Put { TableName = "txs", Item = Item("1") } }],
        });
        var read = () => client.TransactGetItemsAsync(new TransactGetItemsRequest
        {
            TransactItems = [new TransactGetItem { Get = new Get { TableName = "txs", Key = Item("1") } }],
        });

        if (engine == DynamoEngine.Dynalite)
        {
            Assert.Equal("UnknownOperationException", (await Assert.ThrowsAsync<AmazonDynamoDBException>(write)).ErrorCode);
            Assert.Equal("UnknownOperationException", (await Assert.ThrowsAsync<AmazonDynamoDBException>(read)).ErrorCode);
        }
        else
        {
            await write();
            Assert.Equal("1", (await read()).Responses.Single().Item["id"].S);
        }
    }

    [Theory]
    [InlineData(DynamoEngine.DynamoDbLocal)]
    [InlineData(DynamoEngine.Dynalite)]
    public async Task Time_to_live_can_be_enabled_only_on_DynamoDB_Local(DynamoEngine engine)
    {
        // DynamoDB: UpdateTimeToLive enables TTL on an attribute; DescribeTimeToLive then reports it (ENABLED, or ENABLING while it applies).
        using var client = await ClientAsync(engine);
        await CreateAsync(client, "ttl");
        var enable = () => client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = "ttl",
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "expires", Enabled = true },
        });

        if (engine == DynamoEngine.Dynalite)
        {
            Assert.Equal("UnknownOperationException", (await Assert.ThrowsAsync<AmazonDynamoDBException>(enable)).ErrorCode);
            Assert.Equal(TimeToLiveStatus.DISABLED, (await client.DescribeTimeToLiveAsync("ttl")).TimeToLiveDescription.TimeToLiveStatus);
        }
        else
        {
            await enable();
            Assert.Equal("expires", (await client.DescribeTimeToLiveAsync("ttl")).TimeToLiveDescription.AttributeName);
        }
    }

    [Theory]
    [InlineData(DynamoEngine.DynamoDbLocal)]
    [InlineData(DynamoEngine.Dynalite)]
    public async Task Dynalite_accepts_a_stream_at_creation_but_does_not_keep_it(DynamoEngine engine)
    {
        // DynamoDB: CreateTable's StreamSpecification is reported by DescribeTable (StreamSpecification, LatestStreamArn).
        using var client = await ClientAsync(engine);
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "streamed",
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
            StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_IMAGE },
        });
        var described = await ActiveAsync(client, "streamed");

        if (engine == DynamoEngine.Dynalite)
        {
            Assert.Null(described.StreamSpecification);
        }
        else
        {
            Assert.True(described.StreamSpecification.StreamEnabled);
        }
    }

    [Theory]
    [InlineData(DynamoEngine.DynamoDbLocal)]
    [InlineData(DynamoEngine.Dynalite)]
    public async Task Neither_engine_gives_back_the_tags_a_table_was_created_with(DynamoEngine engine)
    {
        // DynamoDB: CreateTable's Tags are put on the table and ListTagsOfResource lists them; TagResource answers with an
        // empty body. DynamoDB Local accepts Tags on CreateTable but has no tagging API; dynalite has one but drops the
        // tags given at creation, and its TagResource answer fails the SDK's CRC32 check.
        using var client = await ClientAsync(engine);
        var created = await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "tagged",
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
            Tags = [new Tag { Key = "team", Value = "a" }],
        });
        await ActiveAsync(client, "tagged");
        var arn = created.TableDescription.TableArn;
        var list = () => client.ListTagsOfResourceAsync(new ListTagsOfResourceRequest { ResourceArn = arn });
        var tag = () => client.TagResourceAsync(new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "team", Value = "b" }] });

        if (engine == DynamoEngine.Dynalite)
        {
            Assert.Empty((await list()).Tags ?? []);
            await Assert.ThrowsAsync<System.IO.IOException>(tag);
        }
        else
        {
            Assert.Contains("Tagging is not currently supported", (await Assert.ThrowsAsync<AmazonDynamoDBException>(list)).Message, System.StringComparison.Ordinal);
            Assert.Contains("Tagging is not currently supported", (await Assert.ThrowsAsync<AmazonDynamoDBException>(tag)).Message, System.StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DynamoEngine.DynamoDbLocal)]
    [InlineData(DynamoEngine.Dynalite)]
    public async Task Equality_of_maps_and_lists_in_a_condition_holds_only_on_DynamoDB_Local(DynamoEngine engine)
    {
        // DynamoDB: "=" and "<>" compare values of every type, lists and maps included (Comparison operator and function
        // reference; the legacy EQ: "supported for all data types, including lists and maps"). dynalite compares maps and
        // lists by object identity, so an equal map or list never matches. The library writes a nullable enum as a map, so
        // a condition on one fails there.
        using var client = await ClientAsync(engine);
        await CreateAsync(client, "docs");
        var map = new AttributeValue { M = new Dictionary<string, AttributeValue> { ["value__"] = new() { N = "1" } } };
        var list = new AttributeValue { L = [new() { S = "a" }] };
        await client.PutItemAsync("docs", new Dictionary<string, AttributeValue> { ["id"] = new() { S = "1" }, ["m"] = map, ["l"] = list });

        async Task<bool> Holds(string attribute, AttributeValue value)
        {
            try
            {
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = "docs",
                    Item = new Dictionary<string, AttributeValue> { ["id"] = new() { S = "1" }, ["m"] = map, ["l"] = list },
                    ConditionExpression = "#a = :v",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#a"] = attribute },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = value },
                });
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                return false;
            }
        }

        var expected = engine == DynamoEngine.DynamoDbLocal;
        Assert.Equal(expected, await Holds("m", new AttributeValue { M = new Dictionary<string, AttributeValue> { ["value__"] = new() { N = "1" } } }));
        Assert.Equal(expected, await Holds("l", new AttributeValue { L = [new() { S = "a" }] }));
        Assert.False(await Holds("m", new AttributeValue { M = new Dictionary<string, AttributeValue> { ["value__"] = new() { N = "2" } } }));
    }

    [Theory]
    [InlineData(DynamoEngine.DynamoDbLocal, false)]
    [InlineData(DynamoEngine.Dynalite, true)]
    public async Task A_descending_query_with_a_sort_key_condition_that_fills_its_limit_with_the_last_match_gets_a_next_key_only_on_dynalite(DynamoEngine engine, bool nextKey)
    {
        // DynamoDB: "If DynamoDB processes the number of items up to the limit while processing the results, it stops the
        // operation and returns the matching values up to that point, and a key in LastEvaluatedKey" (Query, Limit) — so
        // a next key, then an empty page, is what the documentation describes; DynamoDB Local gives it ascending but not
        // descending. The library reads on while there is a next key, so it returns the same items on both.
        using var client = await ClientAsync(engine);
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "ranged",
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.N)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await ActiveAsync(client, "ranged");
        await client.PutItemAsync("ranged", new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "g" }, ["sk"] = new() { N = "0" } });

        QueryRequest Query(bool forward) => new()
        {
            TableName = "ranged",
            KeyConditionExpression = "pk = :g AND sk >= :z",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":g"] = new() { S = "g" }, [":z"] = new() { N = "0" } },
            Limit = 1,
            ScanIndexForward = forward,
        };

        var ascending = await client.QueryAsync(Query(forward: true));
        var descending = await client.QueryAsync(Query(forward: false));
        Assert.Single(ascending.Items);
        Assert.Single(descending.Items);
        Assert.True(ascending.LastEvaluatedKey is { Count: > 0 }, "both engines give a next key ascending");
        Assert.Equal(nextKey, descending.LastEvaluatedKey is { Count: > 0 });
    }

    [Theory]
    [InlineData(DynamoEngine.DynamoDbLocal, "ACTIVE", "Cannot do operations on a non-existent table")]
    [InlineData(DynamoEngine.Dynalite, "CREATING", "Requested resource not found")]
    public async Task A_new_table_and_a_missing_one_answer_with_the_same_codes_but_other_states_and_words(DynamoEngine engine, string statusAfterCreate, string missingTableMessage)
    {
        // DynamoDB: CreateTable returns CREATING and the table becomes ACTIVE later (the library waits for ACTIVE);
        // a missing table is ResourceNotFoundException, "Requested resource not found" (its message is not part of the
        // contract: the library and callers match on the type and the code, never on the words).
        using var client = await ClientAsync(engine);
        var created = await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "fresh",
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        Assert.Equal(statusAfterCreate, created.TableDescription.TableStatus.Value);

        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetItemAsync("absent", Item("1")));
        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);
        Assert.Contains(missingTableMessage, missing.Message, System.StringComparison.Ordinal);
    }

    private static async Task<AmazonDynamoDBClient> ClientAsync(DynamoEngine engine)
    {
        var local = await BothEngines.Of(engine);
        return new AmazonDynamoDBClient(
            new BasicAWSCredentials(DynamoDbLocal.NewAccessKey("Diffs"), "raw-secret"),
            new AmazonDynamoDBConfig { ServiceURL = local.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
    }

    private static Dictionary<string, AttributeValue> Item(string id) => new() { ["id"] = new() { S = id } };

    private static async Task<TableDescription> CreateAsync(IAmazonDynamoDB client, string table)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        return await ActiveAsync(client, table);
    }

    private static async Task<TableDescription> ActiveAsync(IAmazonDynamoDB client, string table)
    {
        for (var i = 0; ; i++)
        {
            var described = (await client.DescribeTableAsync(table)).Table;
            if (described.TableStatus == TableStatus.ACTIVE)
            {
                return described;
            }

            Assert.True(i < 100, $"{table} never became ACTIVE");
            await Task.Delay(50);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;

namespace SessionEffects.Properties.Bed;

/// <summary>
/// Both engines of SessionEffects.Testing give "account" the same meaning — one database per access key id and region —
/// and both are stopped on dispose. Checked with the plain SDK on an instance of each, started here.
/// </summary>
[Xunit.Trait("Category", "BothEngines")]
public sealed class EngineBedTests
{
    [Theory]
    [InlineData(DynamoEngine.Dynalite)]
    [InlineData(DynamoEngine.DynamoDbLocal)]
    public async Task Each_engine_keeps_one_database_per_access_key_and_region(DynamoEngine engine)
    {
        await using var local = await DynamoDbLocal.StartAsync(engine);
        Assert.Equal(engine, local.Engine);
        var a = DynamoDbLocal.NewAccessKey("EngA");
        using var accountA = Client(local.Endpoint, a);
        using var accountB = Client(local.Endpoint, DynamoDbLocal.NewAccessKey("EngB"));
        using var accountAElsewhere = Client(local.Endpoint, a, "eu-west-1");
        using var accountAAgain = Client(local.Endpoint, a);

        await CreateAndPutAsync(accountA);

        var read = await accountAAgain.GetItemAsync("bed", Key("42"));
        Assert.Equal("42", read.Item["id"].S);
        Assert.DoesNotContain("bed", (await accountB.ListTablesAsync()).TableNames ?? []);
        Assert.DoesNotContain("bed", (await accountAElsewhere.ListTablesAsync()).TableNames ?? []);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => accountB.DescribeTableAsync("bed"));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => accountAElsewhere.GetItemAsync("bed", Key("42")));
    }

    /// <summary>
    /// Why dynalite needs a front: on its own it ignores the credentials, so two access keys share one database. If a
    /// later dynalite separated them itself, this fails and the front can go.
    /// </summary>
    [Fact]
    public async Task Dynalite_alone_keeps_one_database_whatever_the_access_key()
    {
        var dynalite = Path.Combine(BuiltPrograms.RepositoryRoot(), "node_modules", "dynalite");
        var port = FreeLoopbackPort.Next();
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])["-e", "require(process.argv[1])({ createTableMs: 0 }).listen(Number(process.argv[2]), '127.0.0.1')", dynalite, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(arg);
        }

        using var node = Process.Start(info)!;
        try
        {
            var endpoint = new Uri($"http://127.0.0.1:{port}");
            await WaitForAsync(endpoint);
            using var accountA = Client(endpoint, DynamoDbLocal.NewAccessKey("RawA"));
            using var accountB = Client(endpoint, DynamoDbLocal.NewAccessKey("RawB"), "eu-west-1");

            await CreateAndPutAsync(accountA);

            Assert.Equal("42", (await accountB.GetItemAsync("bed", Key("42"))).Item["id"].S);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData(DynamoEngine.Dynalite)]
    [InlineData(DynamoEngine.DynamoDbLocal)]
    public async Task A_disposed_engine_no_longer_answers(DynamoEngine engine)
    {
        var local = await DynamoDbLocal.StartAsync(engine);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using (await http.GetAsync(local.Endpoint))
        {
        }

        await local.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(local.Endpoint));
    }

    private static AmazonDynamoDBClient Client(Uri endpoint, string accessKey, string region = "us-east-1") =>
        new(new BasicAWSCredentials(accessKey, "raw-secret"), new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region });

    private static Dictionary<string, AttributeValue> Key(string id) => new() { ["id"] = new() { S = id } };

    private static async Task CreateAndPutAsync(IAmazonDynamoDB client)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "bed",
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        for (var i = 0; (await client.DescribeTableAsync("bed")).Table.TableStatus != TableStatus.ACTIVE; i++)
        {
            Assert.True(i < 100, "the table never became ACTIVE");
            await Task.Delay(50);
        }

        await client.PutItemAsync("bed", Key("42"));
    }

    private static async Task WaitForAsync(Uri endpoint)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; ; i++)
        {
            try
            {
                using var response = await http.GetAsync(endpoint);
                return;
            }
            catch (HttpRequestException) when (i < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}

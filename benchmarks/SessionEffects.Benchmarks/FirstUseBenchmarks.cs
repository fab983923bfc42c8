using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Benchmark 6: the first use of a session, which creates its DynamoDB client. Every operation builds a new session
/// for an existing account (same keys, so the same database and item) and disposes it afterwards.
/// </summary>
[Config(typeof(BenchConfigs.Io))]
public class FirstUseBenchmarks
{
    private const string Key = "item-000001";
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;
    private DynamoDbLocal? local;
    private AwsSession warm = null!;
    private string accessKey = string.Empty;
    private GetItemRequest rawRequest = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        local = await LocalDynamo.StartAsync();
        accessKey = LocalDynamo.NewAccessKey("FirstUse");
        warm = LocalDynamo.Session(local.Endpoint, accessKey);
        await LocalDynamo.CreateTableAsync(warm);
        await LocalDynamo.SeedAsync(warm, 10);
        await LocalDynamo.ExpectItemAsync(warm.DynamoDB, Key);
        await LocalDynamo.WarmUpAsync(warm.DynamoDB, Key, BenchMode.Short ? 300 : 3000);
        Sessions.Configure(warm);
        rawRequest = LocalDynamo.RawGet(Key);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        warm.Dispose();
        await LocalDynamo.StopAsync(local);
    }

    /// <summary>A GetItem on the warm session's client (the facade), for scale.</summary>
    [Benchmark(Baseline = true)]
    public Task<BenchItem?> Warm_Facade_GetAsync() => Table.GetAsync(Key);

    /// <summary>New session (<c>FromKeys(...).WithEndpoint(...)</c>) + first <c>DynamoDB</c> access (client creation) + dispose.</summary>
    [Benchmark]
    public bool NewSession_FirstClientAccess()
    {
        using var session = LocalDynamo.Session(local!.Endpoint, accessKey);
        return session.DynamoDB is not null;
    }

    /// <summary>New session + switch to it + first GetItem through the facade + dispose.</summary>
    [Benchmark]
    public async Task<BenchItem?> NewSession_SwitchAndFirstGetAsync()
    {
        using var session = LocalDynamo.Session(local!.Endpoint, accessKey);
        using (Sessions.UseSession(Table, session))
        {
            return await Table.GetAsync(Key);
        }
    }

    /// <summary>The raw-SDK equivalent: new client with the same settings + first GetItem + dispose.</summary>
    [Benchmark]
    public async Task<GetItemResponse> Raw_NewClient_FirstGetItemAsync()
    {
        using var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials(accessKey, "bench-secret-" + accessKey),
            new AmazonDynamoDBConfig { ServiceURL = local!.Endpoint.ToString(), AuthenticationRegion = LocalDynamo.Region });
        return await client.GetItemAsync(rawRequest);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.TestSupport;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// Tenants on the local test bed: one role whose every role session gets its own access key from the STS double (so
/// on DynamoDB Local each tenant is its own database), a source session that assumes it, and the tenant options the
/// pool's factory uses — the tenant as a session tag and the tenant-isolation session policy.
/// </summary>
internal sealed class TenantBed : IAsyncDisposable
{
    public const string RoleArn = "arn:aws:iam::123456789012:role/TenantAccess";
    public static readonly string TableArn = TenantPolicy.TableArn("us-east-1", "123456789012", "tenant_items");
    public static readonly DynamoTable<TenantItem> Items = DynamoTable.Of<TenantItem>();

    private TenantBed(LocalStsEndpoint sts, AwsSession source, string prefix, Uri dynamoEndpoint)
    {
        Sts = sts;
        Source = source;
        Prefix = prefix;
        DynamoEndpoint = dynamoEndpoint;
    }

    public LocalStsEndpoint Sts { get; }

    /// <summary>The session the tenants' roles are assumed from (its own access key; it never writes tenant items).</summary>
    public AwsSession Source { get; }

    public string Prefix { get; }

    public Uri DynamoEndpoint { get; }

    /// <summary>
    /// Starts an STS double with the tenant role; DynamoDB requests go to <paramref name="dynamoEndpoint"/> (the shared
    /// DynamoDB Local by default). With <paramref name="prefix"/> the tenants get the keys (databases) of an earlier bed.
    /// </summary>
    public static async Task<TenantBed> StartAsync(TimeSpan credentialLifetime, Uri? dynamoEndpoint = null, string? prefix = null)
    {
        var sts = LocalStsEndpoint.Start();
        prefix ??= LocalDynamo.NewAccessKey("T");
        sts.AddRolePerSession(RoleArn, prefix, "tenant-secret", credentialLifetime);
        var endpoint = dynamoEndpoint ?? await LocalDynamo.EndpointAsync();
        var source = AwsSession.FromKeys(LocalDynamo.NewAccessKey("Src"), "source-secret", "us-east-1").WithEndpoint(endpoint).WithStsEndpoint(sts.Endpoint);
        return new TenantBed(sts, source, prefix, endpoint);
    }

    public static string SessionName(string tenant) => "tenant-" + tenant;

    /// <summary>The access key id (so the DynamoDB Local database) of the tenant's role session.</summary>
    public string AccessKeyOf(string tenant) => LocalStsEndpoint.AccessKeyIdFor(Prefix, RoleArn, SessionName(tenant));

    /// <summary>What the factory asks STS for: the tenant as a session tag, the tenant-isolation session policy.</summary>
    public static AssumeRoleOptions OptionsFor(string tenant, TimeSpan? refreshBeforeExpiry = null) => new(RoleArn)
    {
        SessionName = SessionName(tenant),
        Tags = new Dictionary<string, string> { ["tenant"] = tenant },
        TransitiveTagKeys = ["tenant"],
        Policy = TenantPolicy.ForTenant(tenant, [TableArn]),
        RefreshBeforeExpiry = refreshBeforeExpiry,
    };

    /// <summary>The pool factory: a new assumed-role session per tenant.</summary>
    public Func<string, AwsSession> Factory(TimeSpan? refreshBeforeExpiry = null) => tenant => Source.AssumeRole(OptionsFor(tenant, refreshBeforeExpiry));

    /// <summary>Creates the items table in every tenant's database, with plain SDK clients (no STS involved).</summary>
    public async Task CreateTablesAsync(IEnumerable<string> tenants, int parallelism = 8)
    {
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (tenant, ct) =>
        {
            using var raw = RawClient(tenant);
            await raw.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = "tenant_items",
                    KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
                    AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                },
                ct);
        });
    }

    /// <summary>Every item in the tenant's database, read with a plain SDK client: the independent witness.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ItemsOfAsync(string tenant, CancellationToken cancellationToken = default)
    {
        using var raw = RawClient(tenant);
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await raw.ScanAsync(new ScanRequest { TableName = "tenant_items", ExclusiveStartKey = start }, cancellationToken);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return items;
    }

    public IAmazonDynamoDB RawClient(string tenant) =>
        new AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials(AccessKeyOf(tenant), "raw-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = DynamoEndpoint.ToString(),
            AuthenticationRegion = "us-east-1",
        });

    public IReadOnlyList<StsRequest> AssumeRoles() => Sts.Requests.Where(r => r.Action == "AssumeRole").ToList();

    public async ValueTask DisposeAsync()
    {
        Source.Dispose();
        await Sts.DisposeAsync();
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using SessionEffects.Testing;

namespace SessionEffects.Properties.Bed;

/// <summary>
/// The run's shared DynamoDB Local and the "accounts" on it. DynamoDB Local keeps one database per access key id and
/// region, so a fresh access key is a fresh, empty account: tests never see each other's tables.
/// </summary>
internal static class LocalDynamo
{
    /// <summary>The endpoint of the shared DynamoDB Local, started on first use.</summary>
    public static async Task<Uri> EndpointAsync() => (await DynamoDbLocal.Shared.ConfigureAwait(false)).Endpoint;

    /// <summary>A new access key id nobody else uses (letters and digits only, as DynamoDB Local requires).</summary>
    public static string NewAccessKey(string prefix = "Acct") => DynamoDbLocal.NewAccessKey(prefix);

    /// <summary>A session for <paramref name="accessKey"/> on the shared DynamoDB Local.</summary>
    public static async Task<AwsSession> SessionAsync(string accessKey, string region = "us-east-1") =>
        (await DynamoDbLocal.Shared.ConfigureAwait(false)).Account(accessKey, region);

    /// <summary>A plain SDK client for <paramref name="accessKey"/>: the independent witness of where items landed.</summary>
    public static async Task<IAmazonDynamoDB> RawClientAsync(string accessKey, string region = "us-east-1") =>
        new AmazonDynamoDBClient(new BasicAWSCredentials(accessKey, "raw-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = (await EndpointAsync().ConfigureAwait(false)).ToString(),
            AuthenticationRegion = region,
        });
}

using System;
using System.IO;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Facade;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.AwsSessions;

/// <summary>
/// The SDK's environment conventions apply to sessions: AWS_SHARED_CREDENTIALS_FILE for profiles and
/// AWS_ENDPOINT_URL_DYNAMODB for sessions without an explicit endpoint. These tests set process-wide environment
/// variables, so they run alone (the process-root collection) and put them back afterwards.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class EnvironmentConventionTests
{
    [Fact]
    public async Task A_profile_is_found_through_AWS_SHARED_CREDENTIALS_FILE_and_an_endpoint_through_AWS_ENDPOINT_URL_DYNAMODB()
    {
        var key = LocalDynamo.NewAccessKey("EnvConv");
        var file = Path.Combine(Path.GetTempPath(), $"se-credentials-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, $"[from-env]\naws_access_key_id = {key}\naws_secret_access_key = x\nregion = us-east-1\n");
        var endpoint = await LocalDynamo.EndpointAsync();
        var saved = (Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"), Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB"));
        try
        {
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", file);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", endpoint.ToString());
            using var session = AwsSession.FromProfile("from-env");

            await Run.Value(createTable(DynamoTable.Of<Event>()), session);

            Assert.Null(session.Endpoint);
            using var raw = await LocalDynamo.RawClientAsync(key);
            Assert.Contains("events", (await raw.ListTablesAsync()).TableNames);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", saved.Item2);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_session_whose_endpoint_comes_from_AWS_ENDPOINT_URL_DYNAMODB_signs_with_its_own_region()
    {
        // DynamoDB Local files data under the signing region: signing with the process default instead would put the
        // table in another "account" than the session's region names.
        var key = LocalDynamo.NewAccessKey("EnvRegion");
        var endpoint = await LocalDynamo.EndpointAsync();
        var saved = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB");
        try
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", endpoint.ToString());
            using var session = AwsSession.FromKeys(key, "x", "eu-west-1");

            await Run.Value(createTable(DynamoTable.Of<Event>()), session);

            using var inRegion = await LocalDynamo.RawClientAsync(key, "eu-west-1");
            Assert.Contains("events", (await inRegion.ListTablesAsync()).TableNames ?? []);
            using var elsewhere = await LocalDynamo.RawClientAsync(key, "us-east-1");
            Assert.DoesNotContain("events", (await elsewhere.ListTablesAsync()).TableNames ?? []);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", saved);
        }
    }

    [Fact]
    public async Task A_session_whose_endpoint_comes_from_AWS_ENDPOINT_URL_signs_with_its_own_region()
    {
        var key = LocalDynamo.NewAccessKey("EnvGlobal");
        var endpoint = await LocalDynamo.EndpointAsync();
        var saved = (Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"), Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB"));
        try
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", null);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", endpoint.ToString());
            using var session = AwsSession.FromKeys(key, "x", "ap-southeast-2");

            await Run.Value(createTable(DynamoTable.Of<Event>()), session);

            using var inRegion = await LocalDynamo.RawClientAsync(key, "ap-southeast-2");
            Assert.Contains("events", (await inRegion.ListTablesAsync()).TableNames ?? []);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_DYNAMODB", saved.Item2);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.AwsSessions;

/// <summary>
/// Sessions read AWS configuration as the SDK does — a profile's <c>endpoint_url</c>, SSO profiles — and take what you
/// bring: any SDK credentials, and a hook on every client's configuration. These tests set no environment variable.
/// </summary>
public sealed class ConfigurationFidelityTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task A_profile_endpoint_url_is_honoured_and_signed_with_the_profile_region()
    {
        var key = LocalDynamo.NewAccessKey("ProfUrl");
        var endpoint = await LocalDynamo.EndpointAsync();
        var file = Path.Combine(Path.GetTempPath(), $"se-profile-url-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, $"[local]\naws_access_key_id = {key}\naws_secret_access_key = x\nregion = eu-central-1\nendpoint_url = {endpoint}\n");
        try
        {
            using var session = AwsSession.FromProfile("local", credentialsFile: file);

            await Run.Value(createTable(Users), session);
            await Run.Value(save(Users, new User { Id = "u1", Name = "via endpoint_url" }), session);

            Assert.Null(session.Endpoint);
            using var raw = await LocalDynamo.RawClientAsync(key, "eu-central-1");
            Assert.Equal("via endpoint_url", (await raw.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "u1" } })).Item["name"].S);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_profile_services_section_gives_the_DynamoDB_endpoint_as_the_SDK_reads_it()
    {
        // The SDK reads the config file's location once per process, so this runs the copy tool in a process of its own
        // with the config file in place from the start; the tool is given profiles only, no endpoint.
        var key = LocalDynamo.NewAccessKey("SvcSect");
        var endpoint = await LocalDynamo.EndpointAsync();
        var folder = Directory.CreateTempSubdirectory("se-services-");
        try
        {
            var config = Path.Combine(folder.FullName, "config");
            var credentials = Path.Combine(folder.FullName, "credentials");
            await File.WriteAllTextAsync(config, $"[profile svc]\nregion = sa-east-1\nservices = local-dynamo\n\n[services local-dynamo]\ndynamodb =\n  endpoint_url = {endpoint}\n");
            await File.WriteAllTextAsync(credentials, $"[svc]\naws_access_key_id = {key}\naws_secret_access_key = services-secret\n");
            using (var session = await LocalDynamo.SessionAsync(key, "sa-east-1"))
            {
                await Run.Value(createTable(Users), session);
                await Run.Value(save(Users, new User { Id = "s1", Name = "in sa-east-1" }), session);
            }

            var tool = BuiltPrograms.Path("samples/CrossAccountCopy", "cross-account-copy");
            var (exit, output) = await BuiltPrograms.RunAsync(tool, ["verify", "--table", "users", "--from-profile", "svc", "--to-profile", "svc"],
                new Dictionary<string, string> { ["AWS_CONFIG_FILE"] = config, ["AWS_SHARED_CREDENTIALS_FILE"] = credentials });

            Assert.True(exit == 0, output);
            Assert.Contains("source 1, target 1: 0 missing, 0 extra, 0 different", output, StringComparison.Ordinal);
            Assert.DoesNotContain("services-secret", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_SSO_profile_without_the_SSO_packages_fails_naming_them()
    {
        var file = Path.Combine(Path.GetTempPath(), $"se-sso-{Guid.NewGuid():N}");
        File.WriteAllText(file,
            "[sso-user]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Reader\nregion = eu-west-1\n");
        try
        {
            var failure = Assert.Throws<SessionConfigurationException>(() => AwsSession.FromProfile("sso-user", credentialsFile: file));

            Assert.Contains("sso-user", failure.Message, StringComparison.Ordinal);
            Assert.Contains("AWSSDK.SSO and AWSSDK.SSOOIDC", failure.Message, StringComparison.Ordinal);
            Assert.Contains("aws sso login --profile sso-user", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Credentials_you_bring_and_a_client_configuration_hook_are_used_by_every_request()
    {
        var key = LocalDynamo.NewAccessKey("Byo");
        var factory = new CountingHttpClientFactory();
        using var session = AwsSession.FromCredentials(new BasicAWSCredentials(key, "byo-secret-" + key), "ap-northeast-1")
            .WithEndpoint(await LocalDynamo.EndpointAsync())
            .WithClientConfiguration(config =>
            {
                config.Timeout = TimeSpan.FromSeconds(20);
                config.MaxErrorRetry = 1;
                config.HttpClientFactory = factory;
            });

        await Run.Value(createTable(Users), session);
        await Run.Value(save(Users, new User { Id = "b1", Name = "brought" }), session);

        Assert.Equal(SessionKind.Custom, session.Kind);
        Assert.Equal("custom", session.Label);
        Assert.Equal("Custom(credentials=BasicAWSCredentials, region=ap-northeast-1, endpoint=" + await LocalDynamo.EndpointAsync() + ")", session.ToString());
        Assert.True(factory.Created > 0, "the hook's HTTP client factory made the client's HttpClient");
        Assert.Equal(TimeSpan.FromSeconds(20), session.DynamoDB.Config.Timeout);
        Assert.Equal(1, session.DynamoDB.Config.MaxErrorRetry);
        using var raw = await LocalDynamo.RawClientAsync(key, "ap-northeast-1");
        Assert.Equal("brought", (await raw.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "b1" } })).Item["name"].S);
    }

    [Fact]
    public void Labels_default_to_what_names_a_session_and_never_to_a_secret()
    {
        using var keys = AwsSession.FromKeys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
        using var named = keys.AssumeRole(new AssumeRoleOptions("arn:aws:iam::123456789012:role/Reader") { SessionName = "tenant-acme" });
        using var unnamed = keys.AssumeRole(new AssumeRoleOptions("arn:aws:iam::123456789012:role/Reader"));
        using var labelled = keys.WithLabel("billing");

        Assert.Equal("AKIA****MPLE", keys.Label);
        Assert.Equal("tenant-acme", named.Label);
        Assert.Equal("arn:aws:iam::123456789012:role/Reader", unnamed.Label);
        Assert.Equal("billing", labelled.Label);
        Assert.Equal("billing", labelled.WithRegion("eu-west-1").Label);
        Assert.Equal("default-chain", AwsSession.FromDefaultChain("us-east-1").Label);
        Assert.Throws<SessionConfigurationException>(() => keys.WithLabel(" "));
    }

    private sealed class CountingHttpClientFactory : HttpClientFactory
    {
        private int created;

        public int Created => Volatile.Read(ref created);

        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            Interlocked.Increment(ref created);
            return new HttpClient();
        }

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    }
}

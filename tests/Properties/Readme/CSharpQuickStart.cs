using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// README's C# quick start is a whole program (samples/QuickStart/Program.cs, kept identical by
/// <see cref="ReadmeSnippetTests"/>), so it compiles as written when pasted into a new console project. This runs it as a
/// separate process, configured only the way a user would configure it: a shared credentials file with the two profiles
/// it names, and the SDK's standard endpoint variables pointing at DynamoDB Local and the local STS test endpoint.
/// </summary>
public sealed class CSharpQuickStart
{
    [Fact]
    public async Task The_quick_start_program_runs_and_puts_the_item_in_the_assumed_roles_account()
    {
        await using var sts = LocalStsEndpoint.Start();
        var defaultKey = LocalDynamo.NewAccessKey("QsDefault");
        var sharedKey = LocalDynamo.NewAccessKey("QsShared");
        var projectKey = LocalDynamo.NewAccessKey("QsProject");
        sts.AddRole("arn:aws:iam::123456789012:role/Project", projectKey, "project-secret-value", TimeSpan.FromHours(1));

        var folder = Directory.CreateTempSubdirectory("quickstart-");
        try
        {
            var credentials = Path.Combine(folder.FullName, "credentials");
            await File.WriteAllTextAsync(credentials, $"""
                [default-account]
                aws_access_key_id = {defaultKey}
                aws_secret_access_key = default-secret-value
                region = us-east-1

                [shared]
                aws_access_key_id = {sharedKey}
                aws_secret_access_key = shared-secret-value
                region = us-east-1
                """);
            var config = Path.Combine(folder.FullName, "config");
            await File.WriteAllTextAsync(config, string.Empty);

            var (exitCode, output) = await BuiltPrograms.RunAsync(BuiltPrograms.Path("samples/QuickStart", "QuickStart"), [], new Dictionary<string, string>
            {
                ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
                ["AWS_CONFIG_FILE"] = config,
                ["AWS_ENDPOINT_URL_DYNAMODB"] = (await LocalDynamo.EndpointAsync()).ToString(),
                ["AWS_ENDPOINT_URL_STS"] = sts.Endpoint.ToString(),
            });

            Assert.True(exitCode == 0, output);
            Assert.Contains("Alice via AssumedRole(role=arn:aws:iam::123456789012:role/Project", output, StringComparison.Ordinal);
            Assert.Contains("scanned 42: Alice", output, StringComparison.Ordinal);
            Assert.Contains("table exists in the default account: False", output, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-value", output, StringComparison.Ordinal);

            // The item is in the assumed role's database, and nowhere else.
            using var project = await LocalDynamo.RawClientAsync(projectKey);
            var item = await project.GetItemAsync(new GetItemRequest { TableName = "users", Key = new() { ["id"] = new AttributeValue { S = "42" } } });
            Assert.Equal("Alice", item.Item["name"].S);
            using var shared = await LocalDynamo.RawClientAsync(sharedKey);
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => shared.DescribeTableAsync("users"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

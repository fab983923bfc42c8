using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// CI consumes what it packs. The packable projects are packed (Release, a version of this run's own) into a temporary
/// folder; tests/PackageConsumer — a user's console project whose Program.cs is README's C# quick start, verbatim — is
/// published from those packages alone, trimmed and self-contained for linux-x64, and run as its own process against
/// DynamoDB Local and the local STS test endpoint, configured only through the SDK's standard variables.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class PackageConsumerTests
{
    [Fact]
    public async Task The_quick_start_built_from_the_packages_trimmed_saves_gets_queries_and_switches_sessions()
    {
        var root = BuiltPrograms.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("package-consumer-");
        var version = $"0.3.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000, 9999)}";
        try
        {
            var packages = Path.Combine(work.FullName, "packages");
            var (packed, packOutput) = await Dotnet(root, "pack", "SessionEffects.sln", "-c", "Release", "-o", packages, $"-p:Version={version}");
            Assert.True(packed == 0, packOutput);
            Assert.DoesNotContain("warning", packOutput, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(Directory.GetFiles(packages), f => f.EndsWith($"SessionEffects.Core.{version}.snupkg", StringComparison.Ordinal));

            var app = Path.Combine(work.FullName, "app");
            var (published, publishOutput) = await Dotnet(
                root, "publish", "tests/PackageConsumer/PackageConsumer.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained",
                "-p:PublishTrimmed=true", $"-p:SessionEffectsVersion={version}", $"-p:RestoreAdditionalProjectSources={packages}",
                $"-p:BaseIntermediateOutputPath={Path.Combine(work.FullName, "obj")}/", $"-p:BaseOutputPath={Path.Combine(work.FullName, "bin")}/", "-o", app);
            Assert.True(published == 0, publishOutput);
            Assert.Contains($"SessionEffects.Core {version}", await RestoredAsync(work), StringComparison.Ordinal);

            // The package's build targets switched the compiled item mapping off for the trimmed app (the SDK path maps).
            var runtimeConfig = await File.ReadAllTextAsync(Path.Combine(app, "QuickStart.runtimeconfig.json"));
            Assert.Matches("\"SessionEffects.CompiledItemMapping.IsSupported\":\\s*false", runtimeConfig);

            await RunQuickStartAsync(Path.Combine(app, "QuickStart"), work.FullName);
        }
        finally
        {
            work.Delete(recursive: true);
            foreach (var id in new[] { "sessioneffects.core", "sessioneffects.csharp" })
            {
                var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", id, version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
    }

    /// <summary>The packages the consumer restored, from its assets file (proves which versions it was built with).</summary>
    private static async Task<string> RestoredAsync(DirectoryInfo work)
    {
        var assets = await File.ReadAllTextAsync(Path.Combine(work.FullName, "obj", "project.assets.json"));
        return string.Join("\n", System.Text.RegularExpressions.Regex.Matches(assets, "\"(SessionEffects\\.[A-Za-z]+)/([^\"]+)\"").Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}"));
    }

    private static async Task RunQuickStartAsync(string program, string folder)
    {
        await using var sts = LocalStsEndpoint.Start();
        var (defaultKey, sharedKey, projectKey) = (LocalDynamo.NewAccessKey("QsDefault"), LocalDynamo.NewAccessKey("QsShared"), LocalDynamo.NewAccessKey("QsProject"));
        sts.AddRole("arn:aws:iam::123456789012:role/Project", projectKey, "project-secret-value", TimeSpan.FromHours(1));
        var credentials = Path.Combine(folder, "credentials");
        await CredentialsFile.WriteAsync(credentials, ("default-account", defaultKey, "default-secret-value"), ("shared", sharedKey, "shared-secret-value"));
        var config = Path.Combine(folder, "config");
        await File.WriteAllTextAsync(config, string.Empty);

        var (exitCode, output) = await BuiltPrograms.RunNativeAsync(program, [], new Dictionary<string, string>
        {
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
            ["AWS_CONFIG_FILE"] = config,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = (await LocalDynamo.EndpointAsync()).ToString(),
            ["AWS_ENDPOINT_URL_STS"] = sts.Endpoint.ToString(),
        });

        Assert.True(exitCode == 0, output);
        Assert.Contains("Alice via AssumedRole(role=arn:aws:iam::123456789012:role/Project", output, StringComparison.Ordinal);
        Assert.Contains("query found 1 user(s) named Alice", output, StringComparison.Ordinal);
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

    private static Task<(int ExitCode, string Output)> Dotnet(string root, params string[] args) =>
        BuiltPrograms.RunNativeAsync("dotnet", args, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, TimeSpan.FromMinutes(8), root);
}

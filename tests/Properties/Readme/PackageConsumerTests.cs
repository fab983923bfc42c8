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
/// <remarks>Category Packaging: it tests the packages, with the engine only as a backdrop, so only the DynamoDB Local pass runs it.</remarks>
[Collection(TimingCollection.Name)]
[Trait("Category", "Packaging")]
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
            // README's install step, as written, into this run's folder and with this run's version.
            var packages = Path.Combine(work.FullName, "packages");
            var install = ReadmeBlocks.Commands(ReadmeBlocks.Marked("commands: install")).ToList();
            Assert.Equal(["dotnet", "pack", "SessionEffects.sln", "-c", "Release", "-o"], install[0][..^1]);
            Assert.Equal(["dotnet", "nuget", "add", "source", install[0][^1]], install[1][..5]);
            var (packed, packOutput) = await Dotnet(root, [.. install[0][1..^1], packages, $"-p:Version={version}"]);
            Assert.True(packed == 0, packOutput);
            Assert.DoesNotContain("warning", packOutput, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(Directory.GetFiles(packages), f => f.EndsWith($"SessionEffects.Core.{version}.snupkg", StringComparison.Ordinal));

            // The packages README's install table names are exactly the ones packed.
            var readme = File.ReadAllText(Path.Combine(root, "README.md"));
            var installSection = readme[readme.IndexOf("## Install", StringComparison.Ordinal)..readme.IndexOf("## Quick start", StringComparison.Ordinal)];
            var listed = System.Text.RegularExpressions.Regex.Matches(installSection, @"(?m)^\| `(SessionEffects\.[A-Za-z.]+)` \|").Select(m => m.Groups[1].Value);
            var made = Directory.GetFiles(packages, "*.nupkg").Select(f => Path.GetFileName(f)[..^$".{version}.nupkg".Length]);
            Assert.Equal(listed.Order(StringComparer.Ordinal), made.Order(StringComparer.Ordinal));
            Assert.Equal(["dotnet", "add", "package", "SessionEffects.CSharp", "--version"], install[2][..^1]);

            await InstallAndRunTheToolAsync(packages, version, work.FullName);

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
            foreach (var id in new[] { "sessioneffects.core", "sessioneffects.csharp", "sessioneffects.crossaccountcopy" })
            {
                var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", id, version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
    }

    /// <summary>
    /// The tool readme's install step, into a folder of this run (<c>--tool-path</c> in place of <c>--global</c>), and the
    /// installed command run as a user runs it: a bad option gives exit code 2 and its message alone.
    /// </summary>
    private static async Task InstallAndRunTheToolAsync(string packages, string version, string folder)
    {
        var install = ReadmeBlocks.Commands(ReadmeBlocks.Marked("commands: tool-install", "samples/CrossAccountCopy/README.md")).ToList();
        Assert.Equal(["dotnet", "tool", "install", "--global", "SessionEffects.CrossAccountCopy", "--add-source"], install[1][..6]);
        var tools = Path.Combine(folder, "tools");
        var (installed, installOutput) = await Dotnet(folder, "tool", "install", "--tool-path", tools, "SessionEffects.CrossAccountCopy", "--add-source", packages, "--version", version);
        Assert.True(installed == 0, installOutput);
        Assert.Contains("cross-account-copy", installOutput, StringComparison.Ordinal);

        var command = Path.Combine(tools, install[2][0]);
        var (help, helpOut, _) = await BuiltPrograms.RunSeparatelyAsync(command, ["--help"]);
        Assert.Equal(0, help);
        Assert.Contains("cross-account-copy [command] [options]", helpOut, StringComparison.Ordinal);
        var (bad, badOut, badErr) = await BuiltPrograms.RunSeparatelyAsync(command, ["copy", "--table", "orders", "--segments", "0"]);
        Assert.Equal(2, bad);
        Assert.Equal(string.Empty, badOut);
        Assert.StartsWith("--segments must be a whole number of segments from 1 to 1,000,000; '0' is not.", badErr, StringComparison.Ordinal);
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

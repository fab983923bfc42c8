using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Copy;

/// <summary>
/// The built tool as a user runs it. Trying it locally is one line (<c>--local</c>: two access keys on a DynamoDB Local,
/// no credentials file). Source-side failures — a table that is not there, an endpoint nobody answers — go through the
/// library, so they name the table, the operation and the masked source session, before anything else is printed; a bad
/// command line prints its message alone; no secret is ever printed.
/// </summary>
public sealed class CopyToolFailureTests
{
    private const string Secret = "CopyToolSecret/K7MDENG+bPxRfiCYEXAMPLE";

    private static string Tool => BuiltPrograms.Path("samples/CrossAccountCopy", "cross-account-copy");

    [Fact]
    public async Task A_local_copy_and_verify_are_one_line_each()
    {
        var (sourceKey, targetKey) = (LocalDynamo.NewAccessKey("LocalSrc"), LocalDynamo.NewAccessKey("LocalDst"));
        using (var source = await LocalDynamo.SessionAsync(sourceKey))
        {
            await CopyFixture.SeedAsync(source, 300);
        }

        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        string[] local = ["--table", "shipments", "--local", endpoint, "--from-key", sourceKey, "--to-key", targetKey];

        var (copied, copyOut, copyErr) = await RunAsync(["copy", .. local, "--create-table", "--rate", "none"]);
        Assert.True(copied == 0, copyOut + copyErr);
        Assert.Contains("segment(s), no rate limit.", copyOut, StringComparison.Ordinal);
        Assert.Contains("Copied 300 item(s)", copyOut, StringComparison.Ordinal);
        Assert.Contains("the target table was created", copyOut, StringComparison.Ordinal);

        var (verified, verifyOut, verifyErr) = await RunAsync(["verify", .. local]);
        Assert.True(verified == 0, verifyOut + verifyErr);
        Assert.Contains("source 300, target 300: 0 missing, 0 extra, 0 different", verifyOut, StringComparison.Ordinal);
        using var target = await LocalDynamo.SessionAsync(targetKey);
        Assert.Equal(300, await Run.Value(count(CopyFixture.Shipments), target));
    }

    [Theory]
    [InlineData("copy")]
    [InlineData("verify")]
    public async Task A_missing_source_table_names_the_table_the_operation_and_the_source_session(string command)
    {
        var (sourceKey, targetKey) = (LocalDynamo.NewAccessKey("NoTblSrc"), LocalDynamo.NewAccessKey("NoTblDst"));
        var endpoint = await LocalDynamo.EndpointAsync();
        using var source = AwsSession.FromKeys(sourceKey, "dynamodb-local", "us-east-1").WithEndpoint(endpoint);

        var (exitCode, stdout, stderr) = await RunAsync([command, "--table", "no_such_table", "--local", endpoint.ToString(), "--from-key", sourceKey, "--to-key", targetKey]);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith($"error: ResourceNotFoundException: DescribeTable on table no_such_table via {source}: ", stderr, StringComparison.Ordinal);
        Assert.Contains("****", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(sourceKey, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_source_names_the_table_the_operation_and_the_source_session_and_never_the_secret()
    {
        var dead = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}/");
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        using var source = AwsSession.FromKeys("AKIADEADSOURCE0001", Secret, "eu-west-1").WithEndpoint(dead);

        var (exitCode, stdout, stderr) = await RunAsync(
            ["copy", "--table", "orders", "--from-key", "AKIADEADSOURCE0001", "--from-region", "eu-west-1", "--from-endpoint", dead.ToString(),
             "--to-key", LocalDynamo.NewAccessKey("DeadDst"), "--to-region", "us-east-1", "--to-endpoint", endpoint],
            new Dictionary<string, string> { ["COPY_FROM_SECRET_ACCESS_KEY"] = Secret, ["COPY_TO_SECRET_ACCESS_KEY"] = Secret });

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith($"error: HttpRequestException: DescribeTable on table orders via {source}: ", stderr, StringComparison.Ordinal);
        Assert.Contains("AKIA****0001", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_option_or_an_unknown_profile_prints_its_message_alone_with_exit_code_2()
    {
        var (rate, rateOut, rateErr) = await RunAsync(["copy", "--table", "orders", "--rate", "0"]);
        Assert.Equal(2, rate);
        Assert.Equal(string.Empty, rateOut);
        Assert.Equal("--rate must be a positive number of items per second, or 'none' for no limit; '0' is not.\nTry 'cross-account-copy copy --help'.\n", rateErr.ReplaceLineEndings("\n"));

        var folder = Directory.CreateTempSubdirectory("copy-tool-profile-");
        try
        {
            var credentials = Path.Combine(folder.FullName, "credentials");
            await CredentialsFile.WriteAsync(credentials, ("src", "ProfileSrc01", Secret));
            var (profile, profileOut, profileErr) = await RunAsync(
                ["copy", "--table", "orders", "--from-profile", "nope", "--to-profile", "src"],
                new Dictionary<string, string> { ["AWS_SHARED_CREDENTIALS_FILE"] = credentials, ["AWS_CONFIG_FILE"] = Path.Combine(folder.FullName, "none") });
            Assert.Equal(2, profile);
            Assert.Equal(string.Empty, profileOut);
            Assert.StartsWith("--from-profile: Unknown AWS profile 'nope'", profileErr, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, profileErr, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        BuiltPrograms.RunSeparatelyAsync("dotnet", [Tool, .. args], environment, TimeSpan.FromMinutes(2));
}

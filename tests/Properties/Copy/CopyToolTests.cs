using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Copy;

/// <summary>
/// The built command-line tool (samples/CrossAccountCopy) end to end against DynamoDB Local, configured as a user would
/// (a credentials file with two profiles, endpoints on the command line): copy with a checkpoint file, killed half way,
/// run again to resume, verified; differences give exit code 3, bad usage 2; no secret is ever printed.
/// </summary>
public sealed class CopyToolTests
{
    [Fact]
    public async Task Copy_killed_half_way_resumes_from_its_checkpoint_file_and_verifies()
    {
        var (sourceKey, targetKey) = (LocalDynamo.NewAccessKey("ToolSrc"), LocalDynamo.NewAccessKey("ToolDst"));
        using var source = await LocalDynamo.SessionAsync(sourceKey);
        using var target = await LocalDynamo.SessionAsync(targetKey);
        await CopyFixture.SeedAsync(source, 4_000);
        var folder = Directory.CreateTempSubdirectory("copy-tool-");
        try
        {
            var credentials = Path.Combine(folder.FullName, "credentials");
            await CredentialsFile.WriteAsync(credentials, ("src", sourceKey, "tool-secret-source"), ("dst", targetKey, "tool-secret-target"));
            var checkpoint = Path.Combine(folder.FullName, "copy.checkpoint");
            var environment = new Dictionary<string, string> { ["AWS_SHARED_CREDENTIALS_FILE"] = credentials, ["AWS_CONFIG_FILE"] = Path.Combine(folder.FullName, "none") };
            var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
            string[] sides = ["--from-profile", "src", "--to-profile", "dst", "--from-endpoint", endpoint, "--to-endpoint", endpoint];
            var tool = BuiltPrograms.Path("samples/CrossAccountCopy", "cross-account-copy");

            // Slowed down by a rate limit so it can be killed in the middle.
            using (var first = BuiltPrograms.Start(tool, ["copy", "--table", "shipments", "--create-table", "--segments", "3", "--page-size", "50", "--rate", "300", "--checkpoint", checkpoint, .. sides], environment))
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (!(File.Exists(checkpoint) && (await Run.Value(count(CopyFixture.Shipments), target)) >= 600) && DateTime.UtcNow < deadline && !first.HasExited)
                {
                    await Task.Delay(200);
                }

                Assert.False(first.HasExited, "the tool ended before it could be killed");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }

            var partial = await Run.Value(count(CopyFixture.Shipments), target);
            Assert.InRange(partial, 600, 3_999);
            Assert.False(CopyCheckpoint.FromJson(await File.ReadAllTextAsync(checkpoint)).IsComplete);

            var (resumed, resumeOutput) = await BuiltPrograms.RunAsync(tool, ["copy", "--table", "shipments", "--segments", "3", "--page-size", "50", "--checkpoint", checkpoint, .. sides], environment);
            Assert.True(resumed == 0, resumeOutput);
            Assert.Contains("Resuming from", resumeOutput, StringComparison.Ordinal);
            Assert.Contains("copied ", resumeOutput, StringComparison.Ordinal);
            Assert.False(File.Exists(checkpoint));

            var (verified, verifyOutput) = await BuiltPrograms.RunAsync(tool, ["verify", "--table", "shipments", .. sides], environment);
            Assert.True(verified == 0, verifyOutput);
            Assert.Contains("source 4000, target 4000: 0 missing, 0 extra, 0 different", verifyOutput, StringComparison.Ordinal);

            await target.DynamoDB.DeleteItemAsync("shipments", new Dictionary<string, AttributeValue> { ["tenant"] = new() { S = "t1" }, ["seq"] = new() { N = "1" } });
            var (different, differentOutput) = await BuiltPrograms.RunAsync(tool, ["verify", "--table", "shipments", .. sides], environment);
            Assert.Equal(3, different);
            Assert.Contains("missing: {tenant=t1, seq=1}", differentOutput, StringComparison.Ordinal);

            var (usage, usageOutput) = await BuiltPrograms.RunAsync(tool, ["copy", "--from-profile", "src"], environment);
            Assert.Equal(2, usage);
            Assert.Contains("--table", usageOutput, StringComparison.Ordinal);

            var (unknownProfile, unknownOutput) = await BuiltPrograms.RunAsync(tool, ["verify", "--table", "shipments", "--from-profile", "nope", "--to-profile", "dst"], environment);
            Assert.Equal(2, unknownProfile);
            Assert.Contains("Unknown AWS profile 'nope'", unknownOutput, StringComparison.Ordinal);

            foreach (var text in new[] { resumeOutput, verifyOutput, differentOutput, usageOutput, unknownOutput })
            {
                Assert.DoesNotContain("tool-secret", text, StringComparison.Ordinal);
                Assert.DoesNotContain(sourceKey, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Samples.CrossAccountCopy.Cli;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Checkpoints;

/// <summary>
/// The tool with a checkpoint file that cannot be used — edited, or made under another source session — exits 2 with a
/// message that says the checkpoint is not usable and why (never advice to resume from it), and the target account is
/// untouched: the target table is not even created.
/// </summary>
public sealed class CopyToolCheckpointTests
{
    [Theory]
    [InlineData("segment 0 Done and Token cleared (marked finished)", "its checksum does not match")]
    [InlineData("segment 1 ItemsWritten + 1", "its checksum does not match")]
    [InlineData("Checksum one character", "its checksum does not match")]
    [InlineData(null, "issued under another session")]
    public async Task An_unusable_checkpoint_exits_2_with_why_and_the_target_is_not_even_created(string? edit, string why)
    {
        var copy = await PartialCopy.SharedAsync();
        var json = edit is null ? copy.PartialJson : CheckpointEdits.All(copy.PartialJson).Single(e => e.Name == edit).Json;
        var folder = Directory.CreateTempSubdirectory("copy-tool-edited-");
        var targetKey = LocalDynamo.NewAccessKey("CkTool");
        try
        {
            var file = Path.Combine(folder.FullName, "copy.checkpoint");
            await File.WriteAllTextAsync(file, json);
            var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            // The tool's --local source session has its own secret: the checkpoint's tokens were issued under another session.
            var exitCode = await Tool.RunAsync(
                ["copy", "--table", "shipments", "--segments", PartialCopy.Segments.ToString(System.Globalization.CultureInfo.InvariantCulture), "--page-size", "10", "--create-table",
                 "--checkpoint", file, "--local", endpoint, "--from-key", copy.SourceKey, "--to-key", targetKey],
                stdout, stderr, CancellationToken.None, _ => null);

            var errors = stderr.ToString();
            Assert.True(exitCode == ExitCodes.BadUsage, $"exit {exitCode}: {stdout}{errors}");
            Assert.Contains("The copy checkpoint is not usable: ", errors, StringComparison.Ordinal);
            Assert.Contains(why, errors, StringComparison.Ordinal);
            Assert.DoesNotContain("resume", errors, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Copied", stdout.ToString(), StringComparison.Ordinal);
            Assert.Equal(json, await File.ReadAllTextAsync(file));

            using var target = await LocalDynamo.RawClientAsync(targetKey);
            Assert.Empty((await target.ListTablesAsync()).TableNames);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

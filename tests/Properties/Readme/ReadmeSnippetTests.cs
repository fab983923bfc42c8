using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>Every snippet README.md shows is the code a test compiles and runs (markers <c>snippet: NAME</c>).</summary>
public sealed partial class ReadmeSnippetTests
{
    [Theory]
    [InlineData("csharp-quickstart", "tests/PackageConsumer/Program.cs")]
    [InlineData("fsharp-quickstart", "samples/FSharp/Scenario.fs")]
    [InlineData("linq-query", "tests/Properties/Queries/QueryRunTests.cs")]
    [InlineData("data-layer", "tests/Properties/Readme/DataLayerSnippet.cs")]
    [InlineData("testing-fixture", "tests/Properties/Readme/TestingFixtureSnippet.cs")]
    [InlineData("tenant-pool", "tests/Properties/Readme/TenantPoolReadme.cs")]
    [InlineData("hosting", "tests/Properties/Hosting/HostedSessionsTests.cs")]
    public void README_shows_exactly_the_tested_snippet(string name, string source)
    {
        var root = BuiltPrograms.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var shown = Regex.Match(readme, $"<!-- snippet: {Regex.Escape(name)} -->\\s*```[a-z#]*\\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.True(shown.Success, $"README.md has no snippet '{name}'");

        // A file with snippet markers shows the part between them; a file without shows all of it (a whole program).
        var code = File.ReadAllText(Path.Combine(root, source));
        var tested = Regex.Match(code, $"(//|\\(\\*) snippet:start {Regex.Escape(name)}[^\\n]*\\n(?<code>.*?)\\n[^\\n]*snippet:end", RegexOptions.Singleline);
        var expected = tested.Success ? tested.Groups["code"].Value
            : code.Contains("snippet:", StringComparison.Ordinal) ? throw new InvalidOperationException($"{source} has no snippet markers for '{name}'")
            : code;

        Assert.Equal(Normalise(expected), Normalise(shown.Groups["code"].Value));
    }

    private static string Normalise(string code)
    {
        var lines = code.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var indent = lines.Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l[indent..]));
    }
}

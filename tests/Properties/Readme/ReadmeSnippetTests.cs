using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>Every snippet README.md shows is the code a test compiles and runs (markers <c>snippet: NAME</c>).</summary>
public sealed partial class ReadmeSnippetTests
{
    [Theory]
    [InlineData("csharp-quickstart", "tests/Properties/Readme/CSharpQuickStart.cs")]
    [InlineData("fsharp-quickstart", "samples/FSharp/Scenario.fs")]
    [InlineData("linq-query", "tests/Properties/Queries/QueryRunTests.cs")]
    [InlineData("tenant-pool", "tests/Properties/Readme/TenantPoolReadme.cs")]
    public void README_shows_exactly_the_tested_snippet(string name, string source)
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var shown = Regex.Match(readme, $"<!-- snippet: {Regex.Escape(name)} -->\\s*```[a-z#]*\\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.True(shown.Success, $"README.md has no snippet '{name}'");

        var code = File.ReadAllText(Path.Combine(root, source));
        var tested = Regex.Match(code, $"(//|\\(\\*) snippet:start {Regex.Escape(name)}[^\\n]*\\n(?<code>.*?)\\n[^\\n]*snippet:end", RegexOptions.Singleline);
        Assert.True(tested.Success, $"{source} has no snippet markers for '{name}'");

        Assert.Equal(Normalise(tested.Groups["code"].Value), Normalise(shown.Groups["code"].Value));
    }

    private static string Normalise(string code)
    {
        var lines = code.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var indent = lines.Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l[indent..]));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SessionEffects.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (SessionEffects.sln) was not found above the test binaries.");
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// Every code block a readme shows is checked by a test: a whole program is the file that is built and run, a fragment
/// is the marked part of a named file that a test compiles and runs, and commands and JSON are checked by the test their
/// marker names (<see cref="ReadmeBlocks"/>).
/// </summary>
public sealed class ReadmeSnippetTests
{
    public static TheoryData<string> Readmes() => [.. ReadmeBlocks.Readmes];

    [Theory]
    [MemberData(nameof(Readmes))]
    public void Every_block_carries_a_marker_a_test_checks(string readme)
    {
        var blocks = ReadmeBlocks.Of(readme);
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            Assert.True(block.Marker is not null, $"{block}: every code block needs a marker saying how it is checked (see ReadmeBlocks).");
            Assert.True(
                block.Marker.StartsWith("program: ", StringComparison.Ordinal) || block.Marker.StartsWith("fragment: ", StringComparison.Ordinal) || ReadmeBlocks.CheckedBy.ContainsKey(block.Marker),
                $"{block}: no test checks blocks marked '{block.Marker}'.");
        }
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void A_program_block_is_the_whole_file(string readme)
    {
        var programs = ReadmeBlocks.Of(readme).Where(b => b.Marker?.StartsWith("program: ", StringComparison.Ordinal) == true).ToList();
        foreach (var block in programs)
        {
            var path = block.Marker!["program: ".Length..];
            var code = File.ReadAllText(Path.Combine(BuiltPrograms.RepositoryRoot(), path));
            Assert.DoesNotContain("snippet:", code, StringComparison.Ordinal);
            Assert.True(ReadmeBlocks.Normalise(code) == ReadmeBlocks.Normalise(block.Code), $"{block}: README's block is not {path} as it is.");
        }

        if (readme == "README.md")
        {
            // The quick starts: the local C# one, the real-AWS one, the F# one.
            Assert.Equal(
                ["samples/QuickStart/Program.cs", "tests/PackageConsumer/Program.cs", "samples/QuickStart.FSharp/Program.fs"],
                programs.Select(b => b.Marker!["program: ".Length..]));
        }
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void A_fragment_block_is_the_marked_part_of_the_file_the_readme_names(string readme)
    {
        foreach (var block in ReadmeBlocks.Of(readme).Where(b => b.Marker?.StartsWith("fragment: ", StringComparison.Ordinal) == true))
        {
            var (path, name) = (block.Marker!["fragment: ".Length..].Split('#')[0], block.Marker.Split('#')[1]);
            Assert.Contains($"`{path}`", block.TextBefore, StringComparison.Ordinal);
            var code = File.ReadAllText(Path.Combine(BuiltPrograms.RepositoryRoot(), path));
            var tested = Regex.Match(code, $"(//|\\(\\*) snippet:start {Regex.Escape(name)}[^\\n]*\\n(?<code>.*?)\\n[^\\n]*snippet:end", RegexOptions.Singleline);
            Assert.True(tested.Success, $"{path} has no snippet markers for '{name}'");
            Assert.True(ReadmeBlocks.Normalise(tested.Groups["code"].Value) == ReadmeBlocks.Normalise(block.Code), $"{block}: README's block is not the part '{name}' of {path}.");
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SessionEffects.Properties.Fixtures;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// The fenced code blocks of the repository's readmes and the marker each one carries on the line before it (blank lines
/// between are allowed). A marker says how a test checks the block:
/// <list type="bullet">
/// <item><c>&lt;!-- program: PATH --&gt;</c>: the block is the whole file PATH, a program that compiles and runs;</item>
/// <item><c>&lt;!-- fragment: PATH#NAME --&gt;</c>: the block is the part of PATH between <c>snippet:start NAME</c> and
/// <c>snippet:end</c>, and the readme names PATH just before it, so a reader knows where the whole program is;</item>
/// <item><c>&lt;!-- commands: NAME --&gt;</c>, <c>&lt;!-- json: NAME --&gt;</c> and <c>&lt;!-- yaml: NAME --&gt;</c>: shell lines, JSON and YAML that the test
/// named in <see cref="CheckedBy"/> checks;</item>
/// <item><c>&lt;!-- ci:test-command --&gt;</c>, <c>&lt;!-- ci:test-command-dynalite --&gt;</c> and
/// <c>&lt;!-- ci:demo-command --&gt;</c>: the commands <c>.ci/run</c> runs (one per engine) and the demo command.</item>
/// </list>
/// </summary>
internal static partial class ReadmeBlocks
{
    /// <summary>The readmes whose blocks are checked, relative to the repository root.</summary>
    public static readonly string[] Readmes = ["README.md", "samples/CrossAccountCopy/README.md"];

    /// <summary>Which test checks each <c>commands:</c> and <c>json:</c> block; a marker not listed here fails <c>ReadmeBlockTests</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> CheckedBy = new Dictionary<string, string>
    {
        ["commands: install"] = nameof(PackageConsumerTests),
        ["commands: tool-install"] = nameof(PackageConsumerTests),
        ["commands: quickstart"] = nameof(ReadmeCommandTests),
        ["commands: copy-tool"] = nameof(ReadmeCommandTests),
        ["commands: migrate-tool"] = nameof(MigrateReadmeTests),
        ["ci:test-command"] = nameof(ReadmeCommandTests),
        ["ci:test-command-dynalite"] = nameof(ReadmeCommandTests),
        ["ci:demo-command"] = nameof(ReadmeCommandTests),
        ["json: hosting-settings"] = nameof(ReadmeJsonTests),
        ["json: trust-policy"] = nameof(ReadmeJsonTests),
        ["json: tenant-policy"] = nameof(TenantPoolReadme),
        ["commands: copy-job-workers"] = nameof(CopyJobReadmeTests),
        ["yaml: copy-job-kubernetes"] = nameof(CopyJobReadmeTests),
        ["json: copy-job-ecs-task"] = nameof(CopyJobReadmeTests),
        ["commands: export-import"] = nameof(CopyJobReadmeTests),
        ["json: export-source-policy"] = nameof(CopyJobReadmeTests),
        ["json: export-bucket-policy"] = nameof(CopyJobReadmeTests),
        ["json: import-target-policy"] = nameof(CopyJobReadmeTests),
    };

    /// <summary>One fenced block: where it is, its marker (null when none), the fence's language and the code.</summary>
    public sealed record Block(string Readme, int Line, string? Marker, string Language, string Code, string TextBefore)
    {
        public override string ToString() => $"{Readme}:{Line} ({Marker ?? "no marker"})";
    }

    /// <summary>Every fenced block of <paramref name="readme"/>.</summary>
    public static IReadOnlyList<Block> Of(string readme)
    {
        var lines = File.ReadAllText(Path.Combine(BuiltPrograms.RepositoryRoot(), readme)).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i;
            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new InvalidOperationException($"{readme}:{start + 1}: a code block is never closed.");
            }

            var previous = start - 1;
            while (previous >= 0 && lines[previous].Trim().Length == 0)
            {
                previous--;
            }

            var marker = previous >= 0 && MarkerLine().Match(lines[previous]) is { Success: true } m ? m.Groups["marker"].Value.Trim() : null;
            var before = string.Join("\n", lines[Math.Max(0, previous - 12)..Math.Max(0, previous)]);
            blocks.Add(new Block(readme, start + 1, marker, lines[start][3..].Trim(), string.Join("\n", lines[(start + 1)..end]) + "\n", before));
            i = end;
        }

        return blocks;
    }

    /// <summary>Every block of every readme.</summary>
    public static IEnumerable<Block> All() => Readmes.SelectMany(Of);

    /// <summary>The one block marked <paramref name="marker"/> in <paramref name="readme"/>.</summary>
    public static Block Marked(string marker, string readme = "README.md") =>
        Of(readme).Single(b => b.Marker == marker);

    /// <summary>Every block marked <paramref name="marker"/> in any readme.</summary>
    public static IEnumerable<Block> AllMarked(string marker) => All().Where(b => b.Marker == marker);

    /// <summary>
    /// The shell commands of a block: continuation lines joined, comments dropped, split into words (the readmes quote
    /// nothing, so whitespace separates words).
    /// </summary>
    public static IEnumerable<string[]> Commands(Block block)
    {
        var joined = Regex.Replace(block.Code, @"\\\n\s*", " ");
        foreach (var line in joined.Split('\n'))
        {
            var command = Regex.Replace(line, @"\s+#.*$", string.Empty).Trim();
            if (command.Length > 0)
            {
                yield return command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }
    }

    /// <summary>Code compared as a reader sees it: line ends, trailing spaces, blank lines and common indentation aside.</summary>
    public static string Normalise(string code)
    {
        var lines = code.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            return string.Empty;
        }

        var indent = lines.Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l[indent..]));
    }

    [GeneratedRegex(@"^<!--\s*(?<marker>[^>]*?)\s*-->\s*$")]
    private static partial Regex MarkerLine();
}

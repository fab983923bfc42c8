using System;
using System.CommandLine;
using System.IO;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary><c>verify</c>: compares a table with its copy item by item; exit code 3 when they differ.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, Func<string, string?> environment)
    {
        var table = Checks.Table("The table to compare");
        var sides = new Sides(environment);
        var segments = Checks.WholeNumber("--segments", "Scan segments read in parallel on each side", 4, 1, Checks.MaxSegments, "segments");
        var report = Checks.WholeNumber("--max-report", "How many keys of each kind of difference to list", 20, 0, int.MaxValue, "keys");
        var command = new Command("verify", "Compare a table in two accounts item by item (key and a digest of every attribute).") { table, segments, report };
        sides.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(table)!;
            var (source, target) = sides.Build(parse);
            using (source)
            using (target)
            {
                var result = await Copies.VerifyCopyAsync(name, source, target, new VerifyOptions { Segments = parse.GetValue(segments), MaxReported = parse.GetValue(report) }, ct).ConfigureAwait(false);
                output.WriteLine($"Verified table {name}: {result}.");
                foreach (var (kind, keys) in new[] { ("missing", result.Missing), ("extra", result.Extra), ("different", result.Different) })
                {
                    foreach (var key in keys)
                    {
                        output.WriteLine($"  {kind}: {key}");
                    }
                }

                return result.IsIdentical ? ExitCodes.Success : ExitCodes.Differences;
            }
        });
        return command;
    }
}

using System.CommandLine;
using System.IO;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary><c>verify</c>: compares a table with its copy item by item; exit code 3 when they differ.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output)
    {
        var table = new Option<string>("--table") { Description = "The table to compare.", Required = true };
        var from = new SideOptions("from", "source");
        var to = new SideOptions("to", "target");
        var segments = new Option<int>("--segments") { Description = "Scan segments read in parallel on each side.", DefaultValueFactory = _ => 4 };
        var report = new Option<int>("--max-report") { Description = "How many keys of each kind of difference to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("verify", "Compare a table in two accounts item by item (key and a digest of every attribute).") { table, segments, report };
        from.AddTo(command);
        to.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(table)!;
            using var source = from.Build(parse);
            using var target = to.Build(parse);
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
        });
        return command;
    }
}

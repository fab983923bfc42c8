using System;
using System.CommandLine;
using System.IO;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary><c>verify</c>: compares a table with its copy item by item (with <c>--job</c>, the job's tables); exit code 3 when they differ.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter errors, Func<string, string?> environment)
    {
        var table = Checks.Table("The table to compare (with --job, the job's table when not given)", required: false);
        var sides = new Sides(environment);
        var job = new JobOptions(sides, environment, jobRequired: false, "Compare the tables of this copy job (as its lease table names them)");
        var segments = Checks.WholeNumber("--segments", "Scan segments read in parallel on each side", 4, 1, Checks.MaxSegments, "segments");
        var report = Checks.WholeNumber("--max-report", "How many keys of each kind of difference to list", 20, 0, int.MaxValue, "keys");
        var command = new Command("verify", "Compare a table in two accounts item by item (key and a digest of every attribute).") { table, segments, report };
        sides.AddTo(command);
        job.AddTo(command);
        command.Validators.Add(result =>
        {
            if (!Checks.Given(result, table) && !Checks.Given(result, job.Job))
            {
                result.AddError("Option '--table' is required (or --job NAME, to compare a copy job's tables).");
            }

            if (!Checks.Given(result, job.Job))
            {
                foreach (var option in job.LocationOptions)
                {
                    if (Checks.Given(result, option))
                    {
                        result.AddError($"{option.Name} goes with --job NAME: it says where that job's lease table is.");
                    }
                }
            }
        });

        command.SetAction(async (parse, ct) =>
        {
            var (source, target) = sides.Build(parse);
            using (source)
            using (target)
            {
                var name = parse.GetValue(table);
                if (parse.GetValue(job.Job) is not null)
                {
                    var (leases, owned) = job.Leases(parse, source, target);
                    using (owned ? leases : null)
                    {
                        if (await StatusCommand.Read(parse, job, leases, errors, ct).ConfigureAwait(false) is not { Job: { } definition })
                        {
                            return ExitCodes.Failure;
                        }

                        if (name is not null && name != definition.SourceName)
                        {
                            errors.WriteLine($"--table {name} is not the table of copy job {definition.JobName} ({definition.SourceName}); leave --table out to compare the job's tables.");
                            return ExitCodes.BadUsage;
                        }

                        name = definition.SourceName;
                    }
                }

                var result = await Copies.VerifyCopyAsync(name!, source, target, new VerifyOptions { Segments = parse.GetValue(segments), MaxReported = parse.GetValue(report) }, ct).ConfigureAwait(false);
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

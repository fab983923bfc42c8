using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// <c>verify</c>: compares a table with its copy item by item (with <c>--job</c>, the job's tables); exit code 3 when
/// they differ. With <c>--job NAME --distributed</c> this process is one worker of the verify job <c>NAME.verify</c> in
/// the same lease table: start as many as wanted with the same options; each prints the whole job's result at the end.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter errors, Func<string, string?> environment)
    {
        var table = Checks.Table("The table to compare (with --job, the job's table when not given)", required: false);
        var sides = new Sides(environment);
        var job = new JobOptions(sides, environment, jobRequired: false, "Compare the tables of this copy job (as its lease table names them)");
        var segments = Checks.WholeNumber("--segments", "Scan segments read in parallel on each side", 4, 1, Checks.MaxSegments, "segments");
        var report = Checks.WholeNumber("--max-report", "How many keys of each kind of difference to list", 20, 0, int.MaxValue, "keys");
        var distributed = new Option<bool>("--distributed") { Description = "With --job NAME: run as one worker of the verify job NAME.verify shared through the job's lease table (--segments is then the segments of each side; every worker must give the same --segments and --max-report)" };
        var command = new Command("verify", "Compare a table in two accounts item by item (key and a digest of every attribute).") { table, segments, report, distributed };
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
                if (Checks.Given(result, distributed))
                {
                    result.AddError("--distributed goes with --job NAME: it runs this process as a worker of that job's verify.");
                }

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
                        if (parse.GetValue(distributed))
                        {
                            return await Distributed(parse, name, source, target, leases, job, segments, report, output, errors, ct).ConfigureAwait(false);
                        }
                    }
                }

                var result = await Copies.VerifyCopyAsync(name!, source, target, new VerifyOptions { Segments = parse.GetValue(segments), MaxReported = parse.GetValue(report) }, ct).ConfigureAwait(false);
                output.WriteLine($"Verified table {name}: {result}.");
                return Keys(result, output);
            }
        });
        return command;
    }

    /// <summary>The verify job of copy job NAME: its own name, so its rows never mix with the copy's.</summary>
    internal static string VerifyJobName(string copyJob) => copyJob + ".verify";

    /// <summary>The keys of each kind of difference, one a line; the exit code the result calls for.</summary>
    internal static int Keys(VerifyResult result, TextWriter output)
    {
        foreach (var (kind, keys) in new[] { ("missing", result.Missing), ("extra", result.Extra), ("different", result.Different) })
        {
            foreach (var key in keys)
            {
                output.WriteLine($"  {kind}: {key}");
            }
        }

        return result.IsIdentical ? ExitCodes.Success : ExitCodes.Differences;
    }

    private static async Task<int> Distributed(
        ParseResult parse, string name, AwsSession source, AwsSession target, AwsSession leases, JobOptions job, Option<int> segments, Option<int> report, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var options = new VerifyJobOptions { JobName = VerifyJobName(parse.GetValue(job.Job)!), LeaseTableName = parse.GetValue(job.LeaseTable)!, Segments = parse.GetValue(segments), MaxReported = parse.GetValue(report) };
        try
        {
            var worker = await Copies.RunVerifyWorkerAsync(name, source, target, leases, options, ct).ConfigureAwait(false);
            output.WriteLine($"Worker {worker.WorkerId} of verify job {options.JobName} ({job.Where(parse)}): {worker.SegmentsCompleted} segment(s) compared ({worker.Takeovers} taken over){(worker.AlreadyFinished ? "; the job was already complete" : string.Empty)}.");
            output.WriteLine($"Verified table {name}: {worker.Result}.");
            return Keys(worker.Result, output);
        }
        catch (CopyJobException ex)
        {
            // Another configuration of the same verify job: nothing was claimed; the command line must change.
            errors.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadUsage;
        }
    }
}

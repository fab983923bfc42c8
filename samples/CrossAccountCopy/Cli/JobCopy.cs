using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// <c>copy --job NAME</c>: this process is one worker of a copy job shared through a lease table; start as many as
/// wanted, on any machines, with the same options. Without <c>--job</c> none of these options may be given.
/// </summary>
internal sealed class JobCopy
{
    /// <summary>A job's segment count when <c>--segments</c> is not given: many more than workers, so a lost worker costs little.</summary>
    public const int DefaultSegments = 1024;

    public JobCopy(Sides sides, Func<string, string?> environment) =>
        Location = new JobOptions(sides, environment, jobRequired: false, "Run as one worker of this copy job: every process given the same job, lease table and options shares the copy");

    public JobOptions Location { get; }

    public Option<int> Concurrency { get; } = Checks.WholeNumber("--concurrency", "With --job: segments this worker copies at once", 4, 1, 1024, "segments");

    public Option<int> LeaseSeconds { get; } = Checks.WholeNumber("--lease-seconds", "With --job: how long a lease lasts unless renewed (renewed every third of it; a write starts only with a third left)", 30, 3, 3600, "seconds");

    public Option<string?> WorkerId { get; } = Checks.Name("--worker-id", "With --job: this worker's id in the lease table (default: machine name, process id and a random part)", "ID");

    public Option<bool> History { get; } = new("--lease-history") { Description = "With --job: record every lease transition in the lease table's rows, for an audit (every worker of the job must give it)" };

    public void AddTo(Command command, Option<string?> checkpoint)
    {
        Location.AddTo(command);
        command.Options.Add(Concurrency);
        command.Options.Add(LeaseSeconds);
        command.Options.Add(WorkerId);
        command.Options.Add(History);
        command.Validators.Add(result =>
        {
            if (Checks.Given(result, Location.Job))
            {
                if (Checks.Given(result, checkpoint))
                {
                    result.AddError("--checkpoint does not go with --job: a job keeps its checkpoints in its lease table.");
                }

                return;
            }

            foreach (var option in Location.LocationOptions.Concat([Concurrency, LeaseSeconds, WorkerId, History]).Where(o => Checks.Given(result, o)))
            {
                result.AddError($"{option.Name} goes with --job NAME: it is an option of a copy job shared by workers through a lease table.");
            }
        });
    }

    /// <summary>Runs this process as a worker of the job; the exit code.</summary>
    public async Task<int> Run(ParseResult parse, string table, AwsSession source, AwsSession target, CopyOptions copy, bool segmentsGiven, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var worker = parse.GetValue(WorkerId) ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var lease = TimeSpan.FromSeconds(parse.GetValue(LeaseSeconds));
        var job = new CopyJobOptions
        {
            JobName = parse.GetValue(Location.Job)!,
            LeaseTableName = parse.GetValue(Location.LeaseTable)!,
            Segments = segmentsGiven ? copy.Segments : DefaultSegments,
            Concurrency = parse.GetValue(Concurrency),
            WorkerId = worker,
            Timing = new LeaseTiming { LeaseDuration = lease, RenewInterval = lease / 3, SafetyMargin = lease / 3 },
            RecordLeaseHistory = parse.GetValue(History),
            Copy = copy with { Segments = 1 },
        };

        var (leases, owned) = Location.Leases(parse, source, target);
        try
        {
            // Through the library first: a missing source table names the table, DescribeTable and the session.
            _ = await Copies.DescribeTableAsync(table, source, ct).ConfigureAwait(false);
            var rate = copy.ItemsPerSecond is { } limit ? string.Create(CultureInfo.InvariantCulture, $"at most {limit} items/s shared by the job's workers") : "no rate limit";
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Worker {worker} of copy job {job.JobName} ({Location.Where(parse)}): table {table}, {source} -> {target}, {job.Segments} segment(s), {job.Concurrency} at a time, lease {lease.TotalSeconds:0} s, {rate}."));
            var result = await Copies.RunCopyWorkerAsync(table, source, target, leases, job, ct).ConfigureAwait(false);
            output.WriteLine(result.AlreadyFinished ? $"Nothing to do: {result}" : result.ToString());
            return ExitCodes.Success;
        }
        catch (CopyJobException ex)
        {
            // Another configuration of the same job: nothing was claimed or written; the command line must change.
            errors.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (OperationCanceledException)
        {
            errors.WriteLine($"Cancelled; this worker's leases run out in {lease.TotalSeconds:0} s and the job's other workers (or this command run again) continue its segments.");
            return ExitCodes.Failure;
        }
        finally
        {
            if (owned)
            {
                leases.Dispose();
            }
        }
    }
}

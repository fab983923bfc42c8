using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// <c>status --job NAME</c>: where a copy job stands, from its lease table: segments by state, items written, the rate,
/// the time left, live workers and takeovers. Takes the same side and lease options as the job's <c>copy</c>.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter output, TextWriter errors, Func<string, string?> environment)
    {
        var sides = new Sides(environment);
        var job = new JobOptions(sides, environment, jobRequired: true, "The copy job to report on");
        var command = new Command("status", "Show a copy job's progress: segments by state, items, rate, time left, live workers (from its lease table).");
        sides.AddTo(command);
        job.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(job.Job)!;
            var (source, target) = sides.Build(parse);
            using (source)
            using (target)
            {
                var (leases, owned) = job.Leases(parse, source, target);
                try
                {
                    return await Report(parse, job, name, source, leases, output, errors, ct).ConfigureAwait(false);
                }
                finally
                {
                    if (owned)
                    {
                        leases.Dispose();
                    }
                }
            }
        });
        return command;
    }

    /// <summary>The job's definition and status, or a message and exit code 1 when there is no such job.</summary>
    internal static async Task<CopyJobStatus?> Read(ParseResult parse, JobOptions job, AwsSession leases, TextWriter errors, CancellationToken ct)
    {
        var name = parse.GetValue(job.Job)!;
        try
        {
            var status = await Copies.CopyJobStatusAsync(leases, name, parse.GetValue(job.LeaseTable)!, ct).ConfigureAwait(false);
            if (status.Job is null)
            {
                errors.WriteLine($"No copy job {name} in the {job.Where(parse)}.");
                return null;
            }

            return status;
        }
        catch (ResourceNotFoundException)
        {
            errors.WriteLine($"No copy job {name}: the {job.Where(parse)} does not exist (a job's first worker creates it).");
            return null;
        }
    }

    private static async Task<int> Report(ParseResult parse, JobOptions job, string name, AwsSession source, AwsSession leases, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (await Read(parse, job, leases, errors, ct).ConfigureAwait(false) is not { Job: { } definition } status)
        {
            return ExitCodes.Failure;
        }

        // DynamoDB's item count is an estimate (updated about every six hours on AWS): the time left is one too.
        var estimate = (await Copies.DescribeTableAsync(definition.SourceName, source, ct).ConfigureAwait(false)).ItemCount ?? 0;
        var left = status.EstimatedTimeLeft(Math.Max(estimate, status.ItemsWritten));
        var eta = status.IsComplete ? "complete" : left is { } time ? $"about {time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)} left" : "time left unknown";
        output.WriteLine($"Copy job {name} ({job.Where(parse)}): {definition.SourceName} into {definition.TargetName}, {definition.Segments} segment(s).");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Segments: {status.Done} done, {status.Running} running, {status.Expired} expired, {status.Pending} pending."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Items: {status.ItemsWritten} written of about {estimate} in the source."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rate: {status.ItemsPerSecond:0} items/s on average since the job started; {eta}."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Workers: {status.LiveWorkers} live; {status.Takeovers} takeover(s)."));
        output.WriteLine(status.IsComplete ? "The job is complete." : "The job is not complete.");

        // A verify job run with verify --job NAME --distributed: its result once every segment is compared.
        var verifyJob = VerifyCommand.VerifyJobName(name);
        if (await Copies.VerifyJobResultAsync(leases, verifyJob, parse.GetValue(job.LeaseTable)!, cancellationToken: ct).ConfigureAwait(false) is { } verified)
        {
            output.WriteLine($"Verify job {verifyJob}: {verified}.");
            VerifyCommand.Keys(verified, output);
        }

        return ExitCodes.Success;
    }
}

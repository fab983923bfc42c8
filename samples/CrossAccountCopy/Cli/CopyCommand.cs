using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary><c>copy</c>: copies a table between accounts, with segments, a rate limit, a checkpoint file and progress.</summary>
/// <remarks>
/// Every option is checked while the command line is parsed (a checkpoint file is read and matched against the table and
/// segments too); only then is anything printed or sent. Every call to either side goes through the library, so a
/// failure names the table, the operation and the masked session.
/// </remarks>
internal static class CopyCommand
{
    public static Command Create(TextWriter output, TextWriter errors, Func<string, string?> environment)
    {
        var table = Checks.Table("The table to copy");
        var sides = new Sides(environment);
        var segments = Checks.WholeNumber("--segments", "Scan segments copied in parallel", 4, 1, Checks.MaxSegments, "segments");
        var pageSize = Checks.WholeNumber("--page-size", "Items read per request and segment", 100, 1, int.MaxValue, "items");
        var rate = Checks.Rate();
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file: written as the copy goes, resumed from when it exists, deleted when the copy completes", HelpName = "FILE" };
        var create = new Option<bool>("--create-table") { Description = "Create the target table (keys, indexes, billing, TTL of the source) when missing" };
        var command = new Command("copy", "Copy a table's items from one account (profile or key, role, region, endpoint) into another; with --job, as one of many workers sharing the copy.") { table, segments, pageSize, rate, checkpoint, create };
        segments.Description += $" (with --job: the job's segments, {JobCopy.DefaultSegments:N0} when not given)";
        sides.AddTo(command);
        var job = new JobCopy(sides, environment);
        job.AddTo(command, checkpoint);
        command.Validators.Add(result =>
        {
            if (result.GetValue(checkpoint) is { } path && Checks.TryGet(result, table, out var name) && name is not null && Checks.TryGet(result, segments, out var count)
                && CheckpointProblem(new CheckpointFile(path), name, count) is { } problem)
            {
                result.AddError(problem);
            }
        });

        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(table)!;
            if (parse.GetValue(job.Location.Job) is not null)
            {
                var (from, into) = sides.Build(parse);
                using (from)
                using (into)
                {
                    var copy = new CopyOptions { Segments = parse.GetValue(segments), PageSize = parse.GetValue(pageSize), ItemsPerSecond = parse.GetValue(rate)!.ItemsPerSecond, CreateTable = parse.GetValue(create) };
                    return await job.Run(parse, name, from, into, copy, parse.GetResult(segments) is { Implicit: false }, output, errors, ct).ConfigureAwait(false);
                }
            }

            var file = parse.GetValue(checkpoint) is { } path ? new CheckpointFile(path) : null;
            var resume = file?.Read();
            var (source, target) = sides.Build(parse);
            using (source)
            using (target)
            {
                // Through the library: a missing table or an unreachable source names the table, DescribeTable and the session.
                var estimate = (await Copies.DescribeTableAsync(name, source, ct).ConfigureAwait(false)).ItemCount ?? 0;
                if (resume is not null)
                {
                    output.WriteLine($"Resuming from {file!.Path} ({resume}).");
                }

                output.WriteLine($"Copying table {name}: {source} -> {target}, {parse.GetValue(segments)} segment(s), {parse.GetValue(rate)}.");
                try
                {
                    var result = await ProgressDisplay.Run($"copy {name}", estimate, output, progress => Copies.CopyTableAsync(name, source, target, new CopyOptions
                    {
                        Segments = parse.GetValue(segments),
                        PageSize = parse.GetValue(pageSize),
                        ItemsPerSecond = parse.GetValue(rate)!.ItemsPerSecond,
                        CreateTable = parse.GetValue(create),
                        ResumeFrom = resume,
                        OnCheckpoint = file is null ? null : file.Write,
                        Progress = progress,
                    }, ct)).ConfigureAwait(false);
                    file?.Delete();
                    // Counts over every run: the checkpoint carries what the runs before this one wrote.
                    var thisRun = resume is null ? string.Empty : $", {result.ItemsWritten} of them in this run";
                    output.WriteLine($"Copied {result.TotalItemsWritten} item(s){thisRun} in {result.Elapsed:hh\\:mm\\:ss} ({result.ItemsRetried} retried){(result.TableCreated ? "; the target table was created" : string.Empty)}.");
                    return ExitCodes.Success;
                }
                catch (CopyCheckpointException ex)
                {
                    // Checked before anything was created, read or written: the checkpoint is not usable, so no advice to resume from it.
                    errors.WriteLine($"--checkpoint: {file?.Path}: {ex.Message}");
                    return ExitCodes.BadUsage;
                }
                catch (CopyInterruptedException ex)
                {
                    errors.WriteLine(ex.Message);
                    errors.WriteLine(file is null ? "Run again with --checkpoint FILE to be able to resume." : $"The checkpoint is in {file.Path}: run the same command again to resume.");
                    return ExitCodes.Failure;
                }
                catch (OperationCanceledException)
                {
                    errors.WriteLine(file is null ? "Cancelled." : $"Cancelled; the checkpoint is in {file.Path}: run the same command again to resume.");
                    return ExitCodes.Failure;
                }
            }
        });
        return command;
    }

    /// <summary>Why <paramref name="file"/> cannot be used for this copy, or null: a folder that does not exist, a file that is no checkpoint or was changed, one of another copy.</summary>
    private static string? CheckpointProblem(CheckpointFile file, string table, int segments)
    {
        if (Path.GetDirectoryName(file.Path) is { } folder && !Directory.Exists(folder))
        {
            return $"--checkpoint: the folder {folder} does not exist.";
        }

        if (Directory.Exists(file.Path))
        {
            return $"--checkpoint: {file.Path} is a folder; give a file.";
        }

        CopyCheckpoint? stored;
        try
        {
            stored = file.Read();
        }
        catch (CopyCheckpointException ex)
        {
            // Changed, corrupted or not a checkpoint at all: refused whole, never resumed from.
            return $"--checkpoint: {file.Path}: {ex.Message}";
        }
        catch (IOException ex)
        {
            return $"--checkpoint: {file.Path} cannot be read ({ex.Message}).";
        }

        return stored is not null && (stored.TableName != table || stored.Segments != segments)
            ? $"--checkpoint: {file.Path} is a checkpoint of table {stored.TableName} with {stored.Segments} segment(s); resume it with --table {stored.TableName} --segments {stored.Segments}, or give another file."
            : null;
    }
}

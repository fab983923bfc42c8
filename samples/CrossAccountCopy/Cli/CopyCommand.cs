using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary><c>copy</c>: copies a table between accounts, with segments, a rate limit, a checkpoint file and progress.</summary>
internal static class CopyCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var table = new Option<string>("--table") { Description = "The table to copy.", Required = true };
        var from = new SideOptions("from", "source");
        var to = new SideOptions("to", "target");
        var segments = new Option<int>("--segments") { Description = "Scan segments copied in parallel.", DefaultValueFactory = _ => 4 };
        var pageSize = new Option<int>("--page-size") { Description = "Items read per request and segment.", DefaultValueFactory = _ => 100 };
        var rate = new Option<double?>("--rate") { Description = "Write at most this many items per second (all segments together)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file: written as the copy goes, resumed from when it exists, deleted when the copy completes." };
        var create = new Option<bool>("--create-table") { Description = "Create the target table (keys, indexes, billing, TTL of the source) when missing." };
        var command = new Command("copy", "Copy a table's items from one account (profile, role, region, endpoint) into another.") { table, segments, pageSize, rate, checkpoint, create };
        from.AddTo(command);
        to.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(table)!;
            using var source = from.Build(parse);
            using var target = to.Build(parse);
            var file = parse.GetValue(checkpoint) is { } path ? new CheckpointFile(path) : null;
            var resume = file?.Read();
            if (resume is not null)
            {
                output.WriteLine($"Resuming from {file!.Path} ({resume}).");
            }

            var estimate = (await source.DynamoDB.DescribeTableAsync(name, ct).ConfigureAwait(false)).Table.ItemCount ?? 0;
            output.WriteLine($"Copying table {name}: {source} -> {target}, {parse.GetValue(segments)} segment(s){(parse.GetValue(rate) is { } r ? $", at most {r} items/s" : string.Empty)}.");
            try
            {
                var result = await ProgressDisplay.Run($"copy {name}", estimate, output, progress => Copies.CopyTableAsync(name, source, target, new CopyOptions
                {
                    Segments = parse.GetValue(segments),
                    PageSize = parse.GetValue(pageSize),
                    ItemsPerSecond = parse.GetValue(rate),
                    CreateTable = parse.GetValue(create),
                    ResumeFrom = resume,
                    OnCheckpoint = file is null ? null : file.Write,
                    Progress = progress,
                }, ct)).ConfigureAwait(false);
                file?.Delete();
                output.WriteLine($"Copied {result.ItemsWritten} item(s) in {result.Elapsed:hh\\:mm\\:ss} ({result.ItemsRetried} retried){(result.TableCreated ? "; the target table was created" : string.Empty)}.");
                return ExitCodes.Success;
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
        });
        return command;
    }
}

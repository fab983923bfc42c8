using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SessionEffects.Samples.CrossAccountCopy.Cli;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// README's copy-job section: the shell loop, the Kubernetes Job and the ECS task definition start workers with command
/// lines the tool accepts, all of one job and with the same options (a worker with other options would be refused); the
/// Job leaves <c>completions</c> unset (a work queue); the export/import commands and the three policies name the same
/// table, bucket, prefix, accounts and actions. That AWS accepts the export path is not tested (DynamoDB Local has no
/// export, import or S3) and README says so.
/// </summary>
public sealed class CopyJobReadmeTests
{
    [Fact]
    public void The_shell_loop_the_Kubernetes_Job_and_the_ECS_task_start_workers_of_one_job_the_tool_accepts()
    {
        var workers = ReadmeBlocks.Marked("commands: copy-job-workers");
        var lines = ReadmeBlocks.Commands(workers).Select(w => string.Join(' ', w)).ToList();
        var loop = Assert.Single(lines, l => l.StartsWith("for i in", StringComparison.Ordinal));
        Assert.EndsWith("& done; wait", loop, StringComparison.Ordinal);
        var shell = Accepted(Regex.Match(loop, @"cross-account-copy (?<args>.*?) & done").Groups["args"].Value.Split(' '));

        var yaml = ReadmeBlocks.Marked("yaml: copy-job-kubernetes").Code;
        Assert.Contains("kind: Job\n", yaml, StringComparison.Ordinal);
        Assert.Matches(@"\n  parallelism: [1-9]\d*\n", yaml);
        Assert.DoesNotContain("completions:", yaml, StringComparison.Ordinal);
        Assert.Contains("restartPolicy: OnFailure\n", yaml, StringComparison.Ordinal);
        var kubectl = Assert.Single(lines, l => l.StartsWith("kubectl ", StringComparison.Ordinal));
        var manifest = Regex.Match(kubectl, @"^kubectl apply -f (?<file>\S+\.yaml)$").Groups["file"].Value;
        Assert.Contains($"(`{manifest}`;", ReadmeBlocks.Marked("yaml: copy-job-kubernetes").TextBefore, StringComparison.Ordinal);
        var kubernetes = Accepted(JsonSerializer.Deserialize<string[]>(Regex.Match(yaml, @"\n\s+args: (?<args>\[.*\])\n").Groups["args"].Value)!);

        using var task = JsonDocument.Parse(ReadmeBlocks.Marked("json: copy-job-ecs-task").Code);
        var container = Assert.Single(task.RootElement.GetProperty("containerDefinitions").EnumerateArray());
        var ecs = Accepted([.. container.GetProperty("command").EnumerateArray().Select(a => a.GetString()!)]);
        var runTask = Assert.Single(lines, l => l.StartsWith("aws ecs run-task ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal(task.RootElement.GetProperty("family").GetString(), Value(runTask, "--task-definition"));
        Assert.InRange(int.Parse(Value(runTask, "--count"), System.Globalization.CultureInfo.InvariantCulture), 1, 10);

        // One job; the Job's and the task's workers are given the very same options, as a job requires.
        Assert.Equal(kubernetes, ecs);
        Assert.Equal(Value(shell, "--job"), Value(kubernetes, "--job"));
        Assert.Equal(Value(shell, "--table"), Value(kubernetes, "--table"));
    }

    [Fact]
    public void The_export_and_import_commands_and_the_three_policies_name_the_same_table_bucket_accounts_and_actions()
    {
        var lines = ReadmeBlocks.Commands(ReadmeBlocks.Marked("commands: export-import")).ToList();
        Assert.All(lines, l => Assert.Equal(["aws", "dynamodb"], l[..2]));
        Assert.Equal(["update-continuous-backups", "export-table-to-point-in-time", "describe-export", "import-table"], lines.Select(l => l[2]));
        var export = lines[1];
        var import = lines[3];
        var tableArn = Value(export, "--table-arn");
        var (bucket, prefix, owner) = (Value(export, "--s3-bucket"), Value(export, "--s3-prefix"), Value(export, "--s3-bucket-owner"));
        var source = Regex.Match(tableArn, @"^arn:aws:dynamodb:(?<region>[a-z0-9-]+):(?<account>\d{12}):table/(?<table>[A-Za-z0-9_.-]+)$");
        Assert.True(source.Success, tableArn);
        Assert.Equal(source.Groups["table"].Value, Value(lines[0], "--table-name"));
        Assert.Equal("PointInTimeRecoveryEnabled=true", Value(lines[0], "--point-in-time-recovery-specification"));
        Assert.NotEqual(source.Groups["account"].Value, owner);

        using var exporter = JsonDocument.Parse(ReadmeBlocks.Marked("json: export-source-policy").Code);
        Assert.Equal(tableArn, Statement(exporter, "dynamodb:ExportTableToPointInTime").Resources.Single());
        Assert.Equal($"{tableArn}/export/*", Statement(exporter, "dynamodb:DescribeExport").Resources.Single());
        var objects = $"arn:aws:s3:::{bucket}/{prefix}/*";
        string[] writes = ["s3:AbortMultipartUpload", "s3:PutObject", "s3:PutObjectAcl"];
        Assert.Equal(writes, Statement(exporter, "s3:PutObject").Actions);
        Assert.Equal(objects, Statement(exporter, "s3:PutObject").Resources.Single());

        using var bucketPolicy = JsonDocument.Parse(ReadmeBlocks.Marked("json: export-bucket-policy").Code);
        var grant = Assert.Single(bucketPolicy.RootElement.GetProperty("Statement").EnumerateArray());
        var principal = grant.GetProperty("Principal").GetProperty("AWS").GetString()!;
        Assert.Matches($"^arn:aws:iam::{source.Groups["account"].Value}:role/[A-Za-z0-9-]+$", principal);
        Assert.Contains($"exporting role (`{principal.Split('/')[^1]}`)", ReadmeBlocks.Marked("json: export-source-policy").TextBefore, StringComparison.Ordinal);
        Assert.Equal(writes, grant.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(objects, grant.GetProperty("Resource").GetString());

        using var importer = JsonDocument.Parse(ReadmeBlocks.Marked("json: import-target-policy").Code);
        var targetTable = $"arn:aws:dynamodb:{source.Groups["region"].Value}:{owner}:table/{source.Groups["table"].Value}";
        Assert.Equal([targetTable, $"{targetTable}/import/*"], Statement(importer, "dynamodb:ImportTable").Resources);
        Assert.Equal(["dynamodb:ImportTable", "dynamodb:DescribeImport"], Statement(importer, "dynamodb:ImportTable").Actions);
        Assert.Equal([$"arn:aws:s3:::{bucket}", objects], Statement(importer, "s3:GetObject").Resources);
        Assert.Contains("s3:ListBucket", Statement(importer, "s3:GetObject").Actions);
        Assert.Equal($"arn:aws:logs:{source.Groups["region"].Value}:{owner}:log-group:/aws-dynamodb/*", Statement(importer, "logs:PutLogEvents").Resources.Single());
        var importSource = Value(import, "--s3-bucket-source");
        Assert.StartsWith($"S3Bucket={bucket},S3KeyPrefix={prefix}/AWSDynamoDB/", importSource, StringComparison.Ordinal);
        Assert.Equal("DYNAMODB_JSON", Value(export, "--export-format"));
        Assert.Equal("DYNAMODB_JSON", Value(import, "--input-format"));
        Assert.Equal("GZIP", Value(import, "--input-compression-type"));
        Assert.Contains("cannot be tested against DynamoDB Local", ReadmeBlocks.Marked("commands: export-import").TextBefore, StringComparison.Ordinal);
    }

    /// <summary>The tool's arguments, parsed without errors as a <c>copy --job</c>.</summary>
    private static string[] Accepted(string[] args)
    {
        var parse = Tool.Parse(args, TextWriter.Null, TextWriter.Null, _ => null);
        Assert.True(parse.Errors.Count == 0, $"{string.Join(' ', args)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        Assert.Equal("copy", parse.CommandResult.Command.Name);
        Assert.NotNull(Value(args, "--job"));
        return args;
    }

    private static string Value(IReadOnlyList<string> words, string option)
    {
        var at = words.ToList().IndexOf(option);
        Assert.True(at >= 0 && at + 1 < words.Count, $"{option} is not given in: {string.Join(' ', words)}");
        return words[at + 1];
    }

    /// <summary>The one statement of <paramref name="policy"/> that allows <paramref name="action"/>.</summary>
    private static (string[] Actions, string[] Resources) Statement(JsonDocument policy, string action)
    {
        static string[] Strings(JsonElement e) => e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray().Select(x => x.GetString()!)] : [e.GetString()!];
        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
        var statement = Assert.Single(policy.RootElement.GetProperty("Statement").EnumerateArray(), s => Strings(s.GetProperty("Action")).Contains(action));
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        return (Strings(statement.GetProperty("Action")), Strings(statement.GetProperty("Resource")));
    }
}

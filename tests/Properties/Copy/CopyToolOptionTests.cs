using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Samples.CrossAccountCopy.Cli;
using Xunit;

namespace SessionEffects.Properties.Copy;

/// <summary>
/// The copy tool checks every option before it prints or sends anything: each mistake gives exit code 2, nothing on
/// standard output, and the tool's own message first on standard error (naming the option), then where help is. Run
/// through the tool's entry point with its own writers and environment (<see cref="CopyToolTests"/> and
/// <see cref="CopyToolFailureTests"/> run the built program).
/// </summary>
public sealed class CopyToolOptionTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public static TheoryData<string, string> BadCommandLines() => new()
    {
        { "copy --table orders --rate 0", "--rate must be a positive number of items per second, or 'none' for no limit; '0' is not." },
        { "copy --table orders --rate -5", "--rate must be a positive number of items per second, or 'none' for no limit; '-5' is not." },
        { "copy --table orders --rate fast", "--rate must be a positive number of items per second, or 'none' for no limit; 'fast' is not." },
        { "copy --table orders --rate NaN", "--rate must be a positive number of items per second, or 'none' for no limit; 'NaN' is not." },
        { "copy --table orders --rate Infinity", "--rate must be a positive number of items per second, or 'none' for no limit; 'Infinity' is not." },
        { "copy --table orders --segments 0", "--segments must be a whole number of segments from 1 to 1,000,000; '0' is not." },
        { "copy --table orders --segments 1000001", "--segments must be a whole number of segments from 1 to 1,000,000; '1000001' is not." },
        { "copy --table orders --segments two", "--segments must be a whole number of segments from 1 to 1,000,000; 'two' is not." },
        { "copy --table orders --page-size 0", "--page-size must be a positive whole number of items; '0' is not." },
        { "copy --table o", "--table must be a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'; 'o' is not." },
        { "copy --table orders/2024", "--table must be a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'; 'orders/2024' is not." },
        { "copy --rate 10", "Option '--table' is required." },
        { "copy --table orders --from-endpoint localhost:8000", "--from-endpoint must be an absolute http:// or https:// URL; 'localhost:8000' is not." },
        { "copy --table orders --to-endpoint ftp://host/", "--to-endpoint must be an absolute http:// or https:// URL; 'ftp://host/' is not." },
        { "copy --table orders --local nowhere --from-key A --to-key B", "--local must be an absolute http:// or https:// URL; 'nowhere' is not." },
        { "copy --table orders --local http://127.0.0.1:8000 --from-key A", "--local needs --to-key: the access key id of the target account on that DynamoDB Local (it keeps one database per access key)." },
        { "copy --table orders --local http://127.0.0.1:8000 --from-key A --to-key B --from-profile p", "--local does not go with --from-profile: with --local both sides are accounts (access keys) on that DynamoDB Local." },
        { "copy --table orders --local http://127.0.0.1:8000 --from-key A --to-key B --to-endpoint http://127.0.0.1:9000", "--local does not go with --to-endpoint: with --local both sides are accounts (access keys) on that DynamoDB Local." },
        { "copy --table orders --from-key AKIAEXAMPLE0001 --from-region us-east-1", "--from-key needs the secret access key in the environment variable COPY_FROM_SECRET_ACCESS_KEY (never on the command line); it is not set." },
        { "copy --table orders --to-key AKIAEXAMPLE0001 --to-profile p", "--to-key and --to-profile do not go together: give one of them." },
        { $"copy --table orders --from-key {Secret} --from-region us-east-1", "--from-key must be an access key id (letters and digits only); the secret goes in the environment variable COPY_FROM_SECRET_ACCESS_KEY, never on the command line." },
        { "copy --table orders --from-region", "Required argument missing for option: '--from-region'." },
        { "copy --table orders --from-role not-an-arn", "--from-role: " },
        { "copy --table orders --bogus", "Unrecognized command or argument '--bogus'." },
        { "verify --table orders --max-report -1", "--max-report must be zero or a positive whole number of keys; '-1' is not." },
        { "verify --table orders --segments 0", "--segments must be a whole number of segments from 1 to 1,000,000; '0' is not." },
        { "verify --table orders --rate 10", "Unrecognized command or argument '--rate'." },
        { "copy --table orders --lease-table leases", "--lease-table goes with --job NAME: it is an option of a copy job shared by workers through a lease table." },
        { "copy --table orders --concurrency 2", "--concurrency goes with --job NAME: it is an option of a copy job shared by workers through a lease table." },
        { "copy --table orders --lease-history", "--lease-history goes with --job NAME: it is an option of a copy job shared by workers through a lease table." },
        { "copy --table orders --job nightly --checkpoint job.json", "--checkpoint does not go with --job: a job keeps its checkpoints in its lease table." },
        { "copy --table orders --job night/ly", "--job must be a job name: 1 to 255 letters, digits, '_', '-' or '.'; 'night/ly' is not." },
        { "copy --table orders --job nightly --lease-table x", "--lease-table must be a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'; 'x' is not." },
        { "copy --table orders --job nightly --lease-account fourth", "--lease-account must be source, target or third; 'fourth' is not." },
        { "copy --table orders --job nightly --lease-account 2", "--lease-account must be source, target or third; '2' is not." },
        { "copy --table orders --job nightly --lease-key AKIAEXAMPLE0001", "--lease-key goes with --lease-account third: without it the lease table is in the target account." },
        { "copy --table orders --job nightly --lease-account source --lease-region eu-west-1", "--lease-region goes with --lease-account third: without it the lease table is in the source account." },
        { "copy --table orders --job nightly --lease-seconds 2", "--lease-seconds must be a whole number of seconds from 3 to 3,600; '2' is not." },
        { "copy --table orders --job nightly --concurrency 0", "--concurrency must be a whole number of segments from 1 to 1,024; '0' is not." },
        { "copy --table orders --job nightly --local http://127.0.0.1:8000 --from-key A --to-key B --lease-account third", "--local needs --lease-key: the access key id of the lease table account on that DynamoDB Local (it keeps one database per access key)." },
        { "copy --table orders --job nightly --lease-account third --lease-key AKIAEXAMPLE0001 --lease-region us-east-1", "--lease-key needs the secret access key in the environment variable COPY_LEASE_SECRET_ACCESS_KEY (never on the command line); it is not set." },
        { "status --lease-table leases", "Option '--job' is required." },
        { "status --job nightly --rate 10", "Unrecognized command or argument '--rate'." },
        { "status --job nightly --concurrency 2", "Unrecognized command or argument '--concurrency'." },
        { "verify --local http://127.0.0.1:8000 --from-key A --to-key B", "Option '--table' is required (or --job NAME, to compare a copy job's tables)." },
        { "verify --table orders --lease-table leases", "--lease-table goes with --job NAME: it says where that job's lease table is." },
        { "--endpoint localhost:8000", "--endpoint must be an absolute http:// or https:// URL; 'localhost:8000' is not." },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_bad_option_gives_exit_code_2_and_its_message_before_anything_else(string commandLine, string message)
    {
        var (exitCode, stdout, stderr) = await RunAsync(commandLine.Split(' '));

        Assert.Equal(ExitCodes.BadUsage, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith(message, stderr, StringComparison.Ordinal);
        Assert.EndsWith($"--help'.{Environment.NewLine}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter '", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_command_line_with_a_third_lease_account_is_accepted_by_copy_status_and_verify()
    {
        string[] location = ["--job", "nightly", "--lease-table", "copy-leases", "--lease-account", "third", "--local", "http://127.0.0.1:8000", "--from-key", "A", "--to-key", "B", "--lease-key", "C"];
        Assert.Empty(Tool.Parse(["copy", "--table", "orders", .. location, "--lease-seconds", "3", "--concurrency", "2", "--worker-id", "w1", "--lease-history", "--segments", "64"], TextWriter.Null, TextWriter.Null, _ => null).Errors);
        Assert.Empty(Tool.Parse(["status", .. location], TextWriter.Null, TextWriter.Null, _ => null).Errors);
        Assert.Empty(Tool.Parse(["verify", .. location], TextWriter.Null, TextWriter.Null, _ => null).Errors);

        // Without --local a third account's key needs its own secret variable, like the sides'.
        string[] keyed = ["status", "--job", "nightly", "--lease-account", "third", "--lease-key", "AKIAEXAMPLE0001", "--lease-region", "eu-west-1"];
        Assert.NotEmpty(Tool.Parse(keyed, TextWriter.Null, TextWriter.Null, _ => null).Errors);
        Assert.Empty(Tool.Parse(keyed, TextWriter.Null, TextWriter.Null, name => name == "COPY_LEASE_SECRET_ACCESS_KEY" ? Secret : null).Errors);
    }

    [Fact]
    public async Task Every_mistake_of_one_command_line_is_reported_at_once()
    {
        var (exitCode, stdout, stderr) = await RunAsync(["copy", "--table", "orders", "--segments", "0", "--rate", "0", "--local", "http://127.0.0.1:8000", "--from-key", "A"]);

        Assert.Equal(ExitCodes.BadUsage, exitCode);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("--segments must be", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("--rate must be", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("--local needs --to-key", lines[2], StringComparison.Ordinal);
        Assert.Equal("Try 'cross-account-copy copy --help'.", lines[3]);
    }

    [Fact]
    public async Task A_checkpoint_file_is_checked_before_anything_is_sent()
    {
        var folder = Directory.CreateTempSubdirectory("copy-tool-checkpoint-");
        try
        {
            var garbage = Path.Combine(folder.FullName, "garbage.checkpoint");
            await File.WriteAllTextAsync(garbage, "not json");
            var other = Path.Combine(folder.FullName, "other.checkpoint");
            await File.WriteAllTextAsync(other, CopyCheckpoint.Start("invoices", "hash id:S", 4).ToJson());
            var missingFolder = Path.Combine(folder.FullName, "nowhere", "copy.checkpoint");
            string[] local = ["--local", "http://127.0.0.1:1", "--from-key", "Src", "--to-key", "Dst"];

            foreach (var (checkpoint, segments, message) in new[]
            {
                (garbage, "4", $"--checkpoint: {garbage}: The copy checkpoint is not usable: the text is not a copy checkpoint ("),
                (other, "4", $"--checkpoint: {other} is a checkpoint of table invoices with 4 segment(s); resume it with --table invoices --segments 4, or give another file."),
                (missingFolder, "4", $"--checkpoint: the folder {Path.GetDirectoryName(missingFolder)} does not exist."),
                (folder.FullName, "4", $"--checkpoint: {folder.FullName} is a folder; give a file."),
            })
            {
                var (exitCode, stdout, stderr) = await RunAsync(["copy", "--table", "orders", "--segments", segments, "--checkpoint", checkpoint, .. local]);
                Assert.Equal(ExitCodes.BadUsage, exitCode);
                Assert.Equal(string.Empty, stdout);
                Assert.StartsWith(message, stderr, StringComparison.Ordinal);
            }

            // The right table but another segment count is refused too; with the same count the file is accepted.
            var (wrongSegments, _, segmentsError) = await RunAsync(["copy", "--table", "invoices", "--segments", "8", "--checkpoint", other, .. local]);
            Assert.Equal(ExitCodes.BadUsage, wrongSegments);
            Assert.StartsWith($"--checkpoint: {other} is a checkpoint of table invoices with 4 segment(s)", segmentsError, StringComparison.Ordinal);
            Assert.Empty(Tool.Parse(["copy", "--table", "invoices", "--segments", "4", "--checkpoint", other, .. local], TextWriter.Null, TextWriter.Null, _ => null).Errors);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("NONE", null)]
    [InlineData("500", 500.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("1e3", 1000.0)]
    public void The_rate_is_a_positive_number_or_none(string given, double? expected)
    {
        var parse = Tool.Parse(["copy", "--table", "orders", "--rate", given], TextWriter.Null, TextWriter.Null, _ => null);

        Assert.Empty(parse.Errors);
        Assert.Equal(expected, parse.GetValue<RateLimit>("--rate")!.ItemsPerSecond);
        Assert.Null(Tool.Parse(["copy", "--table", "orders"], TextWriter.Null, TextWriter.Null, _ => null).GetValue<RateLimit>("--rate")!.ItemsPerSecond);
    }

    [Fact]
    public async Task Help_says_each_default_and_how_a_key_gets_its_secret()
    {
        var (exitCode, help, stderr) = await RunAsync(["copy", "--help"]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Matches(@"Usage:\n  \S+ copy \[options\]", help.ReplaceLineEndings("\n"));
        Assert.Matches(@"--rate <ITEMS_PER_SECOND\|none>\s+Write at most this many items per second, all segments together; 'none' for no limit \(default: none\)", help);
        Assert.Matches(@"--segments <N>\s+Scan segments copied in parallel \(with --job: the job's segments, 1,024 when not given\) \[default: 4\]", help);
        Assert.Matches(@"--lease-account <source\|target\|third>\s+Which account keeps the lease table: source, target or third \(described by the --lease-\* options\) \[default: target\]", help);
        Assert.Matches(@"--lease-seconds <N>\s+With --job: how long a lease lasts unless renewed .* \[default: 30\]", help);
        Assert.Matches(@"--page-size <N>\s+Items read per request and segment \[default: 100\]", help);
        Assert.Contains("COPY_FROM_SECRET_ACCESS_KEY", help, StringComparison.Ordinal);
        Assert.Contains("--local <URL>", help, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_whose_secret_is_in_the_environment_is_accepted()
    {
        var environment = new Dictionary<string, string> { ["COPY_FROM_SECRET_ACCESS_KEY"] = Secret };
        var parse = Tool.Parse(["verify", "--table", "orders", "--from-key", "AKIAEXAMPLE0001", "--from-region", "eu-west-1", "--to-profile", "p"], TextWriter.Null, TextWriter.Null, name => environment.GetValueOrDefault(name));

        Assert.Empty(parse.Errors);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await Tool.RunAsync(args, stdout, stderr, CancellationToken.None, name => environment?.GetValueOrDefault(name));
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.CopyJobs;

/// <summary>
/// <c>copy --job</c>, <c>status --job</c> and <c>verify --job</c> of the built tool on a DynamoDB Local (or dynalite),
/// the lease table in a third account: a job runs to the end and says so, its status and verify agree, a finished job
/// started again does nothing and says so, a worker with other options is refused with exit code 2, and a job that was
/// never started is reported as missing.
/// </summary>
public sealed class CopyJobToolTests
{
    private static string Tool => BuiltPrograms.Path("samples/CrossAccountCopy", "cross-account-copy");

    [Fact]
    public async Task A_job_runs_to_the_end_status_and_verify_agree_and_a_second_start_or_other_options_do_nothing()
    {
        var (sourceKey, targetKey, leaseKey) = (LocalDynamo.NewAccessKey("ToolJobSrc"), LocalDynamo.NewAccessKey("ToolJobDst"), LocalDynamo.NewAccessKey("ToolJobLease"));
        using var source = await LocalDynamo.SessionAsync(sourceKey);
        using var target = await LocalDynamo.SessionAsync(targetKey);
        using var leases = await LocalDynamo.SessionAsync(leaseKey);
        await Parcels.CreateAsync(source, target);
        await Parcels.SeedAsync(source, 600);
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        string[] location = ["--job", "parcels-move", "--lease-table", "copy-leases", "--lease-account", "third", "--local", endpoint, "--from-key", sourceKey, "--to-key", targetKey, "--lease-key", leaseKey];
        string[] copy = ["copy", "--table", Parcels.Table, .. location, "--segments", "16", "--lease-seconds", "3", "--lease-history", "--worker-id", "first"];

        var (copied, copyOut, copyErr) = await RunAsync(copy);
        Assert.True(copied == 0, copyOut + copyErr);
        Assert.Contains("Worker first of copy job parcels-move (lease table copy-leases in the third account): table parcels", copyOut, StringComparison.Ordinal);
        Assert.Contains("16 segment(s) finished (0 taken over), 600 item(s) written; every segment is done.", copyOut, StringComparison.Ordinal);

        var (status, statusOut, statusErr) = await RunAsync(["status", .. location]);
        Assert.True(status == 0, statusOut + statusErr);
        Assert.Contains("Copy job parcels-move (lease table copy-leases in the third account): parcels into parcels, 16 segment(s).", statusOut, StringComparison.Ordinal);
        Assert.Contains("Segments: 16 done, 0 running, 0 expired, 0 pending.", statusOut, StringComparison.Ordinal);
        // The source's item count is DynamoDB's estimate (dynalite's is not kept up to date): only the written count is exact.
        Assert.Matches(@"Items: 600 written of about \d+ in the source\.", statusOut);
        Assert.Contains("complete.", statusOut.Split('\n').Single(l => l.StartsWith("Rate: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("Workers: 0 live; 0 takeover(s).", statusOut, StringComparison.Ordinal);
        Assert.Contains("The job is complete.", statusOut, StringComparison.Ordinal);

        var (verified, verifyOut, verifyErr) = await RunAsync(["verify", .. location]);
        Assert.True(verified == 0, verifyOut + verifyErr);
        Assert.Contains("Verified table parcels: source 600, target 600: 0 missing, 0 extra, 0 different", verifyOut, StringComparison.Ordinal);

        // The lease history of the run is in the lease table's rows and passes the checker.
        var rows = await LeaseTable.For(leases, new CopyJobOptions { JobName = "parcels-move", LeaseTableName = "copy-leases" }).ReadSegments(16, CancellationToken.None);
        Assert.Empty(LeaseHistoryCheck.Problems(rows, 16));
        Assert.All(rows, r => Assert.Equal("first", r.History![0].Owner));

        // Started again, the finished job does nothing and says so; the rows are as they were.
        var (again, againOut, againErr) = await RunAsync([.. copy[..^1], "second"]);
        Assert.True(again == 0, againOut + againErr);
        Assert.Contains("Nothing to do: copy job parcels-move: parcels into parcels, 16 segment(s) was already finished: every segment is done, nothing to do.", againOut, StringComparison.Ordinal);
        var after = await LeaseTable.For(leases, new CopyJobOptions { JobName = "parcels-move", LeaseTableName = "copy-leases" }).ReadSegments(16, CancellationToken.None);
        Assert.Equal(rows.Select(r => (r.Version, r.Owner)), after.Select(r => (r.Version, r.Owner)));

        // A worker with other options (a rate limit, another segment count, no history) is refused: exit code 2, nothing claimed.
        string[][] others = [[.. copy, "--rate", "50"], [.. copy.Select(a => a == "16" ? "32" : a)], [.. copy.Where(a => a != "--lease-history")]];
        foreach (var other in others)
        {
            var (refused, refusedOut, refusedErr) = await RunAsync(other);
            Assert.True(refused == 2, refusedOut + refusedErr);
            Assert.StartsWith("error: Worker first refused by copy job parcels-move", refusedErr, StringComparison.Ordinal);
            Assert.Contains("Start every worker of a job with the same options, or give this copy another job name.", refusedErr, StringComparison.Ordinal);
        }

        Assert.Equal(rows.Select(r => r.Version), (await LeaseTable.For(leases, new CopyJobOptions { JobName = "parcels-move", LeaseTableName = "copy-leases" }).ReadSegments(16, CancellationToken.None)).Select(r => r.Version));
    }

    [Fact]
    public async Task Status_and_verify_of_a_job_never_started_say_there_is_none_with_exit_code_1()
    {
        var (sourceKey, targetKey) = (LocalDynamo.NewAccessKey("NoJobSrc"), LocalDynamo.NewAccessKey("NoJobDst"));
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        string[] location = ["--job", "never", "--local", endpoint, "--from-key", sourceKey, "--to-key", targetKey];

        foreach (var command in new[] { "status", "verify" })
        {
            var (exitCode, stdout, stderr) = await RunAsync([command, .. location]);
            Assert.Equal(1, exitCode);
            Assert.Equal(string.Empty, stdout);
            Assert.Equal($"No copy job never: the lease table {CopyJobOptions.DefaultLeaseTableName} in the target account does not exist (a job's first worker creates it).", stderr.Trim());
        }
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        BuiltPrograms.RunSeparatelyAsync("dotnet", [Tool, .. args], environment, TimeSpan.FromMinutes(2));
}

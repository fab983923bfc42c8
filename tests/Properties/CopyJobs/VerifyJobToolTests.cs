using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.CopyJobs;

/// <summary>
/// <c>verify --job NAME --distributed</c> of the built tool: two worker processes share the verify job NAME.verify in
/// the copy job's lease table, both print the whole job's result (the planted missing, extra and different items, exit
/// code 3), <c>status --job NAME</c> shows it, and a worker with another <c>--segments</c> is refused with exit code 2.
/// </summary>
public sealed class VerifyJobToolTests
{
    private static string Tool => BuiltPrograms.Path("samples/CrossAccountCopy", "cross-account-copy");

    [Fact]
    public async Task Two_worker_processes_verify_a_job_status_shows_the_result_and_other_segments_are_refused()
    {
        var (sourceKey, targetKey, leaseKey) = (LocalDynamo.NewAccessKey("ToolVjSrc"), LocalDynamo.NewAccessKey("ToolVjDst"), LocalDynamo.NewAccessKey("ToolVjLease"));
        using var source = await LocalDynamo.SessionAsync(sourceKey);
        using var target = await LocalDynamo.SessionAsync(targetKey);
        await Parcels.CreateAsync(source, target);
        await Parcels.SeedAsync(source, 400);
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        string[] location = ["--job", "parcels-check", "--lease-table", "copy-leases", "--lease-account", "third", "--local", endpoint, "--from-key", sourceKey, "--to-key", targetKey, "--lease-key", leaseKey];
        var (copied, copyOut, copyErr) = await RunAsync(["copy", "--table", Parcels.Table, .. location, "--segments", "8"]);
        Assert.True(copied == 0, copyOut + copyErr);

        // Planted on the target: one item gone, one changed, one added.
        await target.DynamoDB.DeleteItemAsync(new DeleteItemRequest { TableName = Parcels.Table, Key = new() { ["id"] = new() { S = "0000042" } } });
        await target.DynamoDB.UpdateItemAsync(new UpdateItemRequest { TableName = Parcels.Table, Key = new() { ["id"] = new() { S = "0000100" } }, UpdateExpression = "SET kind = :k", ExpressionAttributeValues = new() { [":k"] = new() { S = "tampered" } } });
        await target.DynamoDB.PutItemAsync(new PutItemRequest { TableName = Parcels.Table, Item = new() { ["id"] = new() { S = "9999999" }, ["n"] = new() { N = "1" } } });

        string[] verify = ["verify", .. location, "--distributed", "--segments", "4"];
        var workers = await Task.WhenAll(RunAsync(verify), RunAsync(verify));
        foreach (var (exitCode, stdout, stderr) in workers)
        {
            Assert.True(exitCode == 3, stdout + stderr);
            Assert.Contains("of verify job parcels-check.verify (lease table copy-leases in the third account): ", stdout, StringComparison.Ordinal);
            Assert.Contains("Verified table parcels: source 400, target 400: 1 missing, 1 extra, 1 different.", stdout, StringComparison.Ordinal);
            Assert.Contains("  missing: {id=0000042}", stdout, StringComparison.Ordinal);
            Assert.Contains("  extra: {id=9999999}", stdout, StringComparison.Ordinal);
            Assert.Contains("  different: {id=0000100}", stdout, StringComparison.Ordinal);
        }

        // Between them the two processes compared the 8 segments (4 of each side).
        Assert.Equal(8, workers.Sum(w => int.Parse(System.Text.RegularExpressions.Regex.Match(w.Stdout, @": (\d+) segment\(s\) compared").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));

        var (status, statusOut, statusErr) = await RunAsync(["status", .. location]);
        Assert.True(status == 0, statusOut + statusErr);
        Assert.Contains("Verify job parcels-check.verify: source 400, target 400: 1 missing, 1 extra, 1 different.", statusOut, StringComparison.Ordinal);

        var (refused, refusedOut, refusedErr) = await RunAsync(["verify", .. location, "--distributed", "--segments", "8"]);
        Assert.True(refused == 2, refusedOut + refusedErr);
        Assert.StartsWith("error: Worker ", refusedErr, StringComparison.Ordinal);
        Assert.Contains("refused by verify job parcels-check.verify", refusedErr, StringComparison.Ordinal);

        var (bad, _, badErr) = await RunAsync(["verify", "--table", Parcels.Table, "--distributed", "--local", endpoint, "--from-key", sourceKey, "--to-key", targetKey]);
        Assert.Equal(2, bad);
        Assert.Contains("--distributed goes with --job NAME", badErr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        BuiltPrograms.RunSeparatelyAsync("dotnet", [Tool, .. args], environment, TimeSpan.FromMinutes(2));
}

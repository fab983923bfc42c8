using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace SessionEffects.Properties.CopyJobs;

/// <summary>
/// The proof of #25 with real processes: three worker processes of the built tool copy 50,000 items on a DynamoDB
/// Local (or dynalite), the lease table in a third account and a 3-second lease. One worker is killed by its process id
/// once the lease table shows it has checkpointed pages of a segment it still holds; the other two take its segments
/// over once the leases run out; <c>verify --job</c> finds no difference, <c>status</c> says the job is complete, and
/// the recorded lease history proves that no segment was held by two live workers at once and every segment was done
/// exactly once.
/// </summary>
public sealed class CopyJobProcessTests(ITestOutputHelper log)
{
    private const int Items = 50_000;
    private const int Segments = 64;

    private static string Tool => BuiltPrograms.Path("samples/CrossAccountCopy", "cross-account-copy");

    [Fact]
    public async Task Three_worker_processes_copy_50000_items_one_is_killed_half_way_the_others_take_over_and_the_history_proves_it()
    {
        var (sourceKey, targetKey, leaseKey) = (LocalDynamo.NewAccessKey("ProcSrc"), LocalDynamo.NewAccessKey("ProcDst"), LocalDynamo.NewAccessKey("ProcLease"));
        using var source = await LocalDynamo.SessionAsync(sourceKey);
        using var target = await LocalDynamo.SessionAsync(targetKey);
        using var leases = await LocalDynamo.SessionAsync(leaseKey);
        var phases = Stopwatch.StartNew();
        await Parcels.CreateAsync(source, target);
        await Parcels.SeedAsync(source, Items);
        log.WriteLine($"seeded {Items} items in {phases.Elapsed.TotalSeconds:0.0} s");
        phases.Restart();
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        string[] location = ["--job", "proof", "--lease-table", "copy-leases", "--lease-account", "third", "--local", endpoint, "--from-key", sourceKey, "--to-key", targetKey, "--lease-key", leaseKey];
        string[] copy = ["copy", "--table", Parcels.Table, .. location, "--segments", $"{Segments}", "--concurrency", "4", "--lease-seconds", "3", "--lease-history"];

        var workers = new[] { "victim", "alpha", "beta" }.Select(id => new Worker(id, BuiltPrograms.Start(Tool, [.. copy, "--worker-id", id]))).ToArray();
        try
        {
            // Half way: the victim holds a segment it has checkpointed pages of, and the job has written a good part of the items.
            var table = LeaseTable.For(leases, new CopyJobOptions { JobName = "proof", LeaseTableName = "copy-leases" });
            var watch = Stopwatch.StartNew();
            SegmentLease[] rows = [];
            var polls = new List<string>();
            while (!(rows.Sum(r => r.ItemsWritten) >= Items / 3 && rows.Any(r => r.Owner == "victim" && r.State == SegmentState.Running && r.ItemsWritten > 0)))
            {
                if (workers[0].Process.HasExited)
                {
                    // The message awaits the output, so only once the process has ended.
                    Assert.Fail($"the victim ended before it could be killed: {await workers[0].OutputAsync()}; lease table polls (ms:items): {string.Join(", ", polls)}");
                }

                Assert.True(watch.Elapsed < TimeSpan.FromMinutes(3), $"no progress in the lease table: {rows.Sum(r => r.ItemsWritten)} items");
                await Task.Delay(100);
                try
                {
                    rows = await table.ReadSegments(Segments, CancellationToken.None);
                    polls.Add($"{watch.ElapsedMilliseconds}:{rows.Sum(r => r.ItemsWritten)}");
                }
                catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
                {
                    // The first worker has not created the lease table yet.
                    polls.Add($"{watch.ElapsedMilliseconds}:none");
                }
            }

            // Killed by its own process id, as an orchestrator or the kernel would: nothing is released.
            using (var victim = Process.GetProcessById(workers[0].Process.Id))
            {
                victim.Kill();
                await victim.WaitForExitAsync();
            }

            var atKill = await table.ReadSegments(Segments, CancellationToken.None);
            log.WriteLine($"victim killed at {phases.Elapsed.TotalSeconds:0.0} s with {atKill.Sum(r => r.ItemsWritten)} items checkpointed");
            var abandoned = atKill.Where(r => r.Owner == "victim" && r.State == SegmentState.Running).Select(r => r.Segment).ToArray();
            Assert.NotEmpty(abandoned);
            Assert.True(atKill.Sum(r => r.ItemsWritten) < Items, "the job was finished before the victim was killed");

            foreach (var survivor in workers[1..])
            {
                var (exitCode, output) = await survivor.EndAsync(TimeSpan.FromMinutes(3));
                Assert.True(exitCode == 0, output);
                Assert.Contains("every segment is done.", output, StringComparison.Ordinal);
            }

            log.WriteLine($"survivors done at {phases.Elapsed.TotalSeconds:0.0} s");
            var final = await table.ReadSegments(Segments, CancellationToken.None);
            Assert.All(final, r => Assert.Equal(SegmentState.Done, r.State));
            Assert.Equal(Items, final.Sum(r => r.ItemsWritten));
            Assert.All(abandoned, s => Assert.True(final[s].Claims >= 2 && final[s].Owner is "alpha" or "beta", $"segment {s} was not taken over: {final[s]}"));

            // The history: every segment's chain of transitions unbroken, each takeover after the lease it took ran out, one done each.
            Assert.Empty(LeaseHistoryCheck.Problems(final, Segments));
            var (transitions, takeovers) = LeaseHistoryCheck.Counts(final);
            log.WriteLine($"{abandoned.Length} segment(s) abandoned, {takeovers} takeover(s), {transitions} lease transitions recorded");
            Assert.True(takeovers >= abandoned.Length, $"{takeovers} takeover(s) recorded for {abandoned.Length} abandoned segment(s)");
            Assert.True(transitions > Segments * 3, $"only {transitions} transitions recorded");
            Assert.All(abandoned, s => Assert.Contains(final[s].History!, e => e.Owner == "victim"));

            var (status, statusOut) = await BuiltPrograms.RunAsync(Tool, ["status", .. location]);
            Assert.True(status == 0, statusOut);
            Assert.Contains($"Segments: {Segments} done, 0 running, 0 expired, 0 pending.", statusOut, StringComparison.Ordinal);
            Assert.Contains($"Items: {Items} written", statusOut, StringComparison.Ordinal);
            Assert.Contains($"{final.Sum(r => r.Claims - 1)} takeover(s).", statusOut, StringComparison.Ordinal);
            Assert.Contains("The job is complete.", statusOut, StringComparison.Ordinal);

            var (verified, verifyOut) = await BuiltPrograms.RunAsync(Tool, ["verify", .. location, "--segments", "8"], timeout: TimeSpan.FromMinutes(3));
            Assert.True(verified == 0, verifyOut);
            log.WriteLine($"status and verify done at {phases.Elapsed.TotalSeconds:0.0} s");
            Assert.Contains($"source {Items}, target {Items}: 0 missing, 0 extra, 0 different", verifyOut, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    /// <summary>A worker process and its output, read from the start (so a full pipe can never stall it).</summary>
    private sealed class Worker(string id, Process process) : IDisposable
    {
        private readonly Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> stderr = process.StandardError.ReadToEndAsync();

        public string Id { get; } = id;

        public Process Process { get; } = process;

        public async Task<string> OutputAsync() => $"{Id}: {await stdout}{await stderr}";

        public async Task<(int ExitCode, string Output)> EndAsync(TimeSpan timeout)
        {
            await Process.WaitForExitAsync().WaitAsync(timeout);
            return (Process.ExitCode, await OutputAsync());
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }
}

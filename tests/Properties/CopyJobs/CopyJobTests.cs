using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Copy;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.CopyJobs;

/// <summary>
/// Copy jobs on DynamoDB Local: workers in one process share a job through a lease table in a third account, one of
/// them is killed (its task cancelled, nothing released) while it holds leases, the others take its segments over
/// after the leases run out, and the copy verifies with no difference; a worker with other options is refused; a
/// finished job started again does nothing and says so.
/// </summary>
public sealed class CopyJobTests
{
    private static readonly LeaseTiming Short = new() { LeaseDuration = TimeSpan.FromSeconds(3), RenewInterval = TimeSpan.FromSeconds(1), SafetyMargin = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Three_workers_share_a_job_one_is_killed_holding_leases_and_the_others_take_over_to_zero_differences()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("JobSrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("JobDst"));
        using var leases = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("JobLease"));
        await CopyFixture.SeedAsync(source, 5_000);
        CopyJobOptions Worker(string id) => new()
        {
            JobName = "orders-migration",
            Segments = 32,
            Concurrency = 2,
            WorkerId = id,
            Timing = Short,
            Copy = new CopyOptions { CreateTable = true, PageSize = 50, ItemsPerSecond = 3_000 },
        };

        using var kill = new CancellationTokenSource();
        var victim = Run.Value(copyWorker(CopyFixture.Shipments, target, leases, Worker("victim")), CopyFixture.Env(source, kill.Token));

        // Kill the victim once it holds a lease it has checkpointed in: that segment must be taken over from its checkpoint.
        var table = LeaseTable.For(leases, Worker("victim"));
        SegmentLease[] rows = [];
        while (!rows.Any(r => r.Owner == "victim" && r.State == SegmentState.Running && r.ItemsWritten > 0))
        {
            Assert.False(victim.IsCompleted, "the victim finished before it could be killed");
            await Task.Delay(20);
            try
            {
                rows = await table.ReadSegments(32, CancellationToken.None);
            }
            catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
            {
                // The victim has not created the lease table yet.
            }
        }

        var survivors = new[] { "alpha", "beta" }.Select(id => Run.Value(copyWorker(CopyFixture.Shipments, target, leases, Worker(id)), source)).ToArray();
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => victim);
        var abandoned = (await table.ReadSegments(32, CancellationToken.None)).Where(r => r.Owner == "victim" && r.State == SegmentState.Running).Select(r => r.Segment).ToHashSet();
        Assert.NotEmpty(abandoned);
        var results = await Task.WhenAll(survivors);

        var final = await table.ReadSegments(32, CancellationToken.None);
        Assert.All(final, r => Assert.Equal(SegmentState.Done, r.State));
        Assert.All(abandoned, s => Assert.True(final[s].Claims >= 2 && final[s].Owner != "victim", $"segment {s} was not taken over: {final[s]}"));
        Assert.True(results.Sum(r => r.Takeovers) >= abandoned.Count);
        Assert.Equal(5_000, final.Sum(r => r.ItemsWritten));
        var status = await Run.Value(copyJobStatus(leases, "orders-migration", CopyJobOptions.DefaultLeaseTableName), source);
        Assert.True(status.IsComplete, status.ToString());
        Assert.Equal((0, 0, 0, 32, 5_000L), (status.Pending, status.Running, status.Expired, status.Done, status.ItemsWritten));

        var verified = await Run.Value(verifyCopy(CopyFixture.Shipments, target), source);
        Assert.True(verified.IsIdentical, verified.ToString());
        Assert.Equal((5_000L, 5_000L), (verified.SourceItems, verified.TargetItems));

        // Started again after it finished, the job does nothing and says so.
        var again = await Run.Value(copyWorker(CopyFixture.Shipments, target, leases, Worker("late")), source);
        Assert.True(again.AlreadyFinished);
        Assert.Equal((0, 0L), (again.SegmentsCompleted, again.ItemsWritten));
        Assert.Contains("already finished", again.ToString(), StringComparison.Ordinal);
        await Task.WhenAll(Run.Value(deleteTable(CopyFixture.Shipments), source), Run.Value(deleteTable(CopyFixture.Shipments), target));
    }

    [Fact]
    public async Task A_worker_with_other_options_is_refused_before_it_claims_or_writes_anything()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("JobSrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("JobDst"));
        await CopyFixture.SeedAsync(source, 200);
        var options = new CopyJobOptions { JobName = "nightly", Segments = 8, Timing = Short, Copy = new CopyOptions { CreateTable = true } };

        // The lease table lives in the target's account here.
        var first = await Run.Value(copyWorker(CopyFixture.Shipments, target, target, options), source);
        Assert.Equal((8, 200L, false), (first.SegmentsCompleted, first.ItemsWritten, first.AlreadyFinished));
        var before = await LeaseTable.For(target, options).ReadSegments(8, CancellationToken.None);

        foreach (var other in new[]
        {
            options with { Segments = 16 },
            options with { Copy = options.Copy with { ItemsPerSecond = 50 } },
            options with { Copy = options.Copy with { Filter = DynamoCondition.Of("#s = :s", [("#s", "status")], [(":s", "new")]) } },
        })
        {
            var refused = await Assert.ThrowsAsync<CopyJobException>(() => Run.Value(copyWorker(CopyFixture.Shipments, target, target, other), source));
            Assert.Contains("refused by copy job nightly", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await LeaseTable.For(target, options).ReadSegments(8, CancellationToken.None), new LeaseComparer());
    }

    /// <summary>Rows compared by what is stored (the checkpoint is null for done rows).</summary>
    private sealed class LeaseComparer : System.Collections.Generic.IEqualityComparer<SegmentLease>
    {
        public bool Equals(SegmentLease? x, SegmentLease? y) => (x!.Segment, x.State, x.Owner, x.Version, x.ExpiresAt, x.ItemsWritten, x.Claims) == (y!.Segment, y.State, y.Owner, y.Version, y.ExpiresAt, y.ItemsWritten, y.Claims);

        public int GetHashCode(SegmentLease obj) => obj.Segment;
    }
}

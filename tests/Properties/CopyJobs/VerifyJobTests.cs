using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Copy;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.CopyJobs;

/// <summary>
/// Verify jobs on DynamoDB Local: workers share one verify through a lease table as copy workers share a copy; one is
/// killed holding a checkpointed segment and the others take it over; the job's counts are exactly the differences
/// planted and exactly <c>verifyCopy</c>'s; identical tables give none; a worker with other options is refused.
/// </summary>
public sealed class VerifyJobTests
{
    private static readonly LeaseTiming Short = new() { LeaseDuration = TimeSpan.FromSeconds(3), RenewInterval = TimeSpan.FromSeconds(1), SafetyMargin = TimeSpan.FromSeconds(1) };

    private static VerifyJobOptions Worker(string job, string id) => new() { JobName = job, Segments = 16, Concurrency = 2, PageSize = 25, WorkerId = id, Timing = Short, MaxReported = 500 };

    [Fact]
    public async Task Workers_one_killed_mid_verify_find_exactly_the_planted_differences_and_verifyCopys_counts()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("VjSrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("VjDst"));
        using var leases = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("VjLease"));
        await CopyFixture.SeedAsync(source, 2_000);
        await Run.Value(copyTable(CopyFixture.Shipments, target, new CopyOptions { CreateTable = true }), source);
        var (missing, different, extra) = await PlantAsync(target);

        using var kill = new CancellationTokenSource();
        var victim = Run.Value(verifyWorker(CopyFixture.Shipments, target, leases, Worker("audit", "victim")), CopyFixture.Env(source, kill.Token));
        var table = LeaseTable.For(leases, Worker("audit", "victim").AsLeaseJob());
        SegmentLease[] rows = [];
        while (!rows.Any(r => r.Owner == "victim" && r.State == SegmentState.Running && r.ItemsWritten > 0))
        {
            Assert.False(victim.IsCompleted, "the victim finished before it could be killed");
            await Task.Delay(10);
            try
            {
                rows = await table.ReadSegments(32, CancellationToken.None);
            }
            catch (ResourceNotFoundException)
            {
                // The victim has not created the lease table yet.
            }
        }

        var survivors = new[] { "alpha", "beta" }.Select(id => Run.Value(verifyWorker(CopyFixture.Shipments, target, leases, Worker("audit", id)), source)).ToArray();
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => victim);
        var abandoned = (await table.ReadSegments(32, CancellationToken.None)).Where(r => r.Owner == "victim" && r.State == SegmentState.Running).Select(r => r.Segment).ToHashSet();
        Assert.NotEmpty(abandoned);
        var results = await Task.WhenAll(survivors);

        var final = await table.ReadSegments(32, CancellationToken.None);
        Assert.All(final, r => Assert.Equal(SegmentState.Done, r.State));
        Assert.All(abandoned, s => Assert.True(final[s].Claims >= 2 && final[s].Owner != "victim", $"segment {s} was not taken over: {final[s]}"));
        Assert.True(results.Sum(r => r.Takeovers) >= abandoned.Count);

        var job = results[0].Result;
        Assert.Equal(job, results[1].Result, new ResultComparer());
        Assert.Equal((2_000L, 2_000L - missing.Count + extra.Count), (job.SourceItems, job.TargetItems));
        Assert.Equal(missing.Order().ToArray(), job.Missing.Order().ToArray());
        Assert.Equal(different.Order().ToArray(), job.Different.Order().ToArray());
        Assert.Equal(extra.Order().ToArray(), job.Extra.Order().ToArray());

        var single = await Run.Value(verifyCopy(CopyFixture.Shipments, target), source);
        Assert.Equal(
            (single.SourceItems, single.TargetItems, single.MissingCount, single.ExtraCount, single.DifferentCount),
            (job.SourceItems, job.TargetItems, job.MissingCount, job.ExtraCount, job.DifferentCount));

        // The result is readable afterwards from the lease table alone, and a worker started again compares nothing.
        var stored = await Run.Value(verifyJobResult(leases, "audit", CopyJobOptions.DefaultLeaseTableName, 500), source);
        Assert.Equal(job, stored.IfNone(() => throw new InvalidOperationException("no result stored")), new ResultComparer());
        var again = await Run.Value(verifyWorker(CopyFixture.Shipments, target, leases, Worker("audit", "late")), source);
        Assert.True(again.AlreadyFinished);
        Assert.Equal(job, again.Result, new ResultComparer());
        await Task.WhenAll(Run.Value(deleteTable(CopyFixture.Shipments), source), Run.Value(deleteTable(CopyFixture.Shipments), target));
    }

    [Fact]
    public async Task Identical_tables_give_no_difference_and_a_worker_with_other_options_is_refused()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("VjSrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("VjDst"));
        await CopyFixture.SeedAsync(source, 300);
        await Run.Value(copyTable(CopyFixture.Shipments, target, new CopyOptions { CreateTable = true }), source);

        // Two workers in this process, the lease table in the target's account; no result before the job exists.
        Assert.True((await Run.Value(verifyJobResult(target, "same", CopyJobOptions.DefaultLeaseTableName, 20), source)).IsNone);
        var results = await Task.WhenAll(new[] { "one", "two" }.Select(id => Run.Value(verifyWorker(CopyFixture.Shipments, target, target, Worker("same", id)), source)));
        Assert.All(results, r => Assert.True(r.Result.IsIdentical, r.Result.ToString()));
        Assert.All(results, r => Assert.Equal((300L, 300L), (r.Result.SourceItems, r.Result.TargetItems)));
        Assert.Equal(32, results.Sum(r => r.SegmentsCompleted));

        var before = await LeaseTable.For(target, Worker("same", "x").AsLeaseJob()).ReadSegments(32, CancellationToken.None);
        foreach (var other in new[] { Worker("same", "odd") with { Segments = 8 }, Worker("same", "odd") with { MaxReported = 5 }, Worker("same", "odd") with { PageSize = 10 } })
        {
            var refused = await Assert.ThrowsAsync<CopyJobException>(() => Run.Value(verifyWorker(CopyFixture.Shipments, target, target, other), source));
            Assert.Contains("refused by verify job same", refused.Message, StringComparison.Ordinal);
        }

        // A copy worker given the verify job's name is refused too (the kinds have different digests).
        await Assert.ThrowsAsync<CopyJobException>(() => Run.Value(copyWorker(CopyFixture.Shipments, target, target, new CopyJobOptions { JobName = "same", Segments = 32, Timing = Short }), source));
        var after = await LeaseTable.For(target, Worker("same", "x").AsLeaseJob()).ReadSegments(32, CancellationToken.None);
        Assert.Equal(before.Select(r => (r.Segment, r.Version, r.Owner)), after.Select(r => (r.Segment, r.Version, r.Owner)));
        await Task.WhenAll(Run.Value(deleteTable(CopyFixture.Shipments), source), Run.Value(deleteTable(CopyFixture.Shipments), target));
    }

    /// <summary>On the target: 7 items deleted (missing), 5 changed (different), 9 added (extra); their keys as the result names them.</summary>
    private static async Task<(List<string> Missing, List<string> Different, List<string> Extra)> PlantAsync(AwsSession target)
    {
        static string Describe(int i) => KeyIdentity.Describe(CopyFixture.Shipments, new Dictionary<string, AttributeValue> { ["tenant"] = new() { S = $"t{i % 37}" }, ["seq"] = new() { N = i.ToString(CultureInfo.InvariantCulture) } });
        var random = new Random(3);
        int[] gone = [3, 101, 402, 777, 1_200, 1_555, 1_999], changed = [10, 500, 999, 1_001, 1_800], added = [.. Enumerable.Range(5_000, 9)];
        foreach (var i in gone)
        {
            await target.DynamoDB.DeleteItemAsync(new DeleteItemRequest { TableName = "shipments", Key = new() { ["tenant"] = new() { S = $"t{i % 37}" }, ["seq"] = new() { N = i.ToString(CultureInfo.InvariantCulture) } } });
        }

        foreach (var i in changed)
        {
            var item = CopyFixture.Item(i, random);
            item["status"] = new() { S = "tampered" };
            await target.DynamoDB.PutItemAsync(new PutItemRequest { TableName = "shipments", Item = item });
        }

        foreach (var i in added)
        {
            await target.DynamoDB.PutItemAsync(new PutItemRequest { TableName = "shipments", Item = CopyFixture.Item(i, random) });
        }

        return ([.. gone.Select(Describe)], [.. changed.Select(Describe)], [.. added.Select(Describe)]);
    }

    /// <summary>Results compared by counts and by the sets of keys named.</summary>
    private sealed class ResultComparer : IEqualityComparer<VerifyResult>
    {
        public bool Equals(VerifyResult? x, VerifyResult? y) =>
            (x!.SourceItems, x.TargetItems, x.MissingCount, x.ExtraCount, x.DifferentCount) == (y!.SourceItems, y.TargetItems, y.MissingCount, y.ExtraCount, y.DifferentCount)
            && x.Missing.Order().SequenceEqual(y.Missing.Order()) && x.Extra.Order().SequenceEqual(y.Extra.Order()) && x.Different.Order().SequenceEqual(y.Different.Order());

        public int GetHashCode(VerifyResult obj) => obj.MissingCount.GetHashCode();
    }
}

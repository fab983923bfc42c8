using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace SessionEffects.Properties.CopyJobs;

/// <summary>
/// The segment lease protocol on a fake clock: workers claim, write, checkpoint, renew and finish segments through the
/// transitions of <see cref="SegmentLease"/> and the write rule of <see cref="LeaseHold"/>, against a row store that does
/// what DynamoDB's conditional write on the version does (the real conditional writes are proven on DynamoDB Local by
/// <see cref="CopyJobTests"/>). Random pauses (the clock jumps past leases), crashes (a worker vanishes holding
/// leases and comes back under a new id) and failed renewals (lost before the store, or answered but the answer lost)
/// may never let two workers write one segment at overlapping times, and once the faults stop every segment ends done
/// exactly once.
/// </summary>
public sealed class LeaseStealingProperties
{
    private static readonly LeaseTiming Timing = new LeaseTiming
    {
        LeaseDuration = TimeSpan.FromSeconds(30),
        RenewInterval = TimeSpan.FromSeconds(10),
        SafetyMargin = TimeSpan.FromSeconds(8),
    }.Validated();

    /// <summary>One step: which worker acts, what it does (or how long the clock jumps), and a fraction for durations and failures.</summary>
    public sealed record Step(int Worker, int Kind, double Fraction);

    private static Arbitrary<Step[]> Steps() =>
        Gen.Choose(0, 2).SelectMany(w => Gen.Choose(0, 9).SelectMany(k => Gen.Choose(0, 1000).Select(f => new Step(w, k, f / 1000.0))))
            .ArrayOf().Select(a => a.Take(400).ToArray()).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property At_most_one_worker_writes_a_segment_at_any_time_and_every_segment_ends_done_once() =>
        Prop.ForAll(Steps(), steps =>
        {
            var world = new World(segments: 4, workers: 3);
            foreach (var step in steps)
            {
                world.Act(step);
            }

            world.RunFaultFreeToTheEnd();
            world.AssertNoOverlappingWriters();
            Assert.All(world.Rows, row => Assert.Equal(SegmentState.Done, row.State));
            Assert.All(world.Finishes, count => Assert.Equal(1, count));

            // The recorded history says the same as the observed writes: the checker passes every run of the protocol.
            Assert.Empty(LeaseHistoryCheck.Problems(world.Rows, 4));
            Assert.Equal(world.Rows.Sum(r => r.Version), LeaseHistoryCheck.Counts(world.Rows).Transitions);
        });

    /// <summary>
    /// The negative control: the same histories with one fault put in — a takeover moved before the lease it took ran out,
    /// a second done, a lost transition, a write by a worker that never claimed — are each found by the checker.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property The_history_checker_finds_every_kind_of_broken_history() =>
        Prop.ForAll(Steps(), Gen.Choose(0, 3).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (steps, fault, pick) =>
        {
            var world = new World(segments: 4, workers: 3);
            foreach (var step in steps)
            {
                world.Act(step);
            }

            world.RunFaultFreeToTheEnd();
            var rows = world.Rows.ToArray();
            var taken = rows.Where(r => r.History!.Skip(1).Any(e => e.Claims > 1)).ToArray();
            var candidates = fault switch
            {
                0 => taken,
                2 => rows.Where(r => r.History!.Count >= 3).ToArray(),
                3 => rows.Where(r => r.History!.Count >= 2).ToArray(),
                _ => rows,
            };
            if (candidates.Length == 0)
            {
                return; // this fault has no place in this history (no takeover happened); the other runs cover it
            }

            var row = candidates[pick % candidates.Length];
            var h = row.History!.ToList();
            switch (fault)
            {
                case 0:
                    var i = h.FindIndex(1, e => e.Claims == h[h.IndexOf(e) - 1].Claims + 1);
                    h[i] = h[i] with { At = h[i - 1].ExpiresAt!.Value - TimeSpan.FromMilliseconds(1 + (pick % 5_000)) };
                    break;
                case 1:
                    h.Add(h[^1] with { Version = h[^1].Version + 1 });
                    row = row with { Version = row.Version + 1 };
                    break;
                case 2:
                    h.RemoveAt(1 + (pick % (h.Count - 2)));
                    break;
                default:
                    var j = 1 + (pick % (h.Count - 1));
                    h[j] = h[j] with { Owner = "intruder", Claims = h[j - 1].Claims };
                    break;
            }

            rows[row.Segment] = row with { History = h };
            Assert.NotEmpty(LeaseHistoryCheck.Problems(rows, 4));
        });

    [Fact]
    public void A_worker_whose_renewal_answer_is_lost_stops_before_the_lease_is_taken_and_the_taker_starts_from_its_checkpoint()
    {
        var world = new World(segments: 1, workers: 2);
        world.Act(new Step(0, 1, 0)); // worker 0 claims segment 0
        world.Act(new Step(0, 2, 0.5)); // writes a page
        world.Act(new Step(0, 3, 0.9)); // checkpoints it
        world.Clock.Advance(TimeSpan.FromSeconds(5));
        world.Act(new Step(0, 4, 0.2)); // renews, but the answer is lost: the store moved on, the worker still has its older expiry
        world.Clock.Advance(Timing.LeaseDuration - Timing.SafetyMargin - TimeSpan.FromSeconds(5));
        Assert.False(world.HoldOf(0)!.MayWrite(world.Clock.GetUtcNow(), Timing));
        world.Clock.Advance(Timing.SafetyMargin);
        world.Act(new Step(1, 1, 0)); // still held by the lost renewal's later expiry: worker 1 may not claim yet
        Assert.Null(world.HoldOf(1));
        world.Clock.Advance(Timing.LeaseDuration);
        world.Act(new Step(1, 1, 0));
        Assert.Equal(2, world.HoldOf(1)!.Lease.Claims);
        Assert.NotNull(world.HoldOf(1)!.Lease.Checkpoint);
        world.Act(new Step(0, 4, 0.9)); // worker 0's next renewal meets another version: lost for good
        Assert.True(world.HoldOf(0)!.Lost);
        world.AssertNoOverlappingWriters();
    }

    /// <summary>The rows, the workers' holds and every write interval, on one fake clock.</summary>
    private sealed class World(int segments, int workers)
    {
        private readonly SegmentLease[] rows = [.. Enumerable.Range(0, segments).Select(SegmentLease.Pending)];
        private readonly LeaseHold?[] holds = new LeaseHold?[workers];
        private readonly int[] incarnations = new int[workers];
        private readonly List<(int Segment, string Worker, DateTimeOffset Start, DateTimeOffset End)> writes = [];
        private readonly int[] finishes = new int[segments];
        private readonly int[] pages = new int[workers];

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        public IReadOnlyList<SegmentLease> Rows => rows;

        public IReadOnlyList<int> Finishes => finishes;

        private DateTimeOffset Now => Clock.GetUtcNow();

        public LeaseHold? HoldOf(int worker) => holds[worker];

        public void Act(Step step)
        {
            var w = step.Worker % workers;
            switch (step.Kind)
            {
                case 0: // a pause: the clock jumps, up to one and a half leases
                    Clock.Advance(Timing.LeaseDuration * 1.5 * step.Fraction);
                    break;
                case 1:
                    Claim(w);
                    break;
                case 2 or 5 or 6:
                    Write(w, step.Fraction);
                    break;
                case 3 or 7:
                    Store(w, (lease, now) => lease.Checkpointed(Key(now), 25, now, Timing), failure: step.Fraction);
                    break;
                case 4:
                    Store(w, (lease, now) => lease.Renewed(now, Timing), failure: step.Fraction);
                    break;
                case 8:
                    if (holds[w] is { Lost: false } && pages[w] >= 2)
                    {
                        Store(w, (lease, _) => lease.Finished(25), failure: 1);
                    }

                    break;
                default: // a crash: the process is gone with whatever it held, and comes back under a new id
                    holds[w] = null;
                    incarnations[w]++;
                    break;
            }
        }

        public void RunFaultFreeToTheEnd()
        {
            for (var round = 0; round < 1000 && rows.Any(r => r.State != SegmentState.Done); round++)
            {
                for (var w = 0; w < workers; w++)
                {
                    if (holds[w] is null || holds[w]!.Lost || holds[w]!.Lease.State == SegmentState.Done)
                    {
                        holds[w] = null;
                        Claim(w);
                    }
                    else if (pages[w] < 2)
                    {
                        Write(w, 0.5);
                        Store(w, (lease, now) => lease.Checkpointed(Key(now), 25, now, Timing), failure: 1);
                    }
                    else
                    {
                        Store(w, (lease, _) => lease.Finished(25), failure: 1);
                    }
                }

                Clock.Advance(TimeSpan.FromSeconds(5));
            }
        }

        public void AssertNoOverlappingWriters()
        {
            foreach (var segment in writes.GroupBy(x => x.Segment))
            {
                var all = segment.ToList();
                foreach (var a in all)
                {
                    Assert.All(all.Where(b => b.Worker != a.Worker), b => Assert.True(a.End <= b.Start || b.End <= a.Start, $"segment {segment.Key}: {a.Worker} wrote {a.Start:O}–{a.End:O}, {b.Worker} wrote {b.Start:O}–{b.End:O}"));
                }
            }
        }

        private string Id(int w) => $"w{w}-{incarnations[w]}";

        private void Claim(int w)
        {
            if (holds[w] is { Lost: false } hold && hold.Lease.State == SegmentState.Running)
            {
                return;
            }

            var now = Now;
            if (rows.FirstOrDefault(r => r.IsClaimable(now)) is { } row)
            {
                holds[w] = new LeaseHold(rows[row.Segment] = row.ClaimedBy(Id(w), now, Timing).Stamped(now, record: true));
                pages[w] = 0;
            }
        }

        /// <summary>A page write: allowed only by the hold's rule, and lasting at most its budget (the worker cancels it there).</summary>
        private void Write(int w, double fraction)
        {
            if (holds[w] is { } hold && hold.Lease.State == SegmentState.Running && hold.MayWrite(Now, Timing))
            {
                writes.Add((hold.Lease.Segment, Id(w), Now, Now + (hold.WriteBudget(Now, Timing) * fraction)));
                pages[w]++;
            }
        }

        /// <summary>
        /// A conditional write of the hold's row on its version. <paramref name="failure"/> below 0.15: the request is lost
        /// before the store; below 0.3: the store takes it and the answer is lost.
        /// </summary>
        private void Store(int w, Func<SegmentLease, DateTimeOffset, SegmentLease> transition, double failure)
        {
            if (holds[w] is not { Lost: false } hold || hold.Lease.State != SegmentState.Running)
            {
                return;
            }

            if (failure < 0.15)
            {
                return;
            }

            var segment = hold.Lease.Segment;
            if (rows[segment].Version != hold.Lease.Version)
            {
                holds[w] = hold with { Lost = true };
                return;
            }

            var next = transition(hold.Lease, Now).Stamped(Now, record: true);
            rows[segment] = next;
            finishes[segment] += next.State == SegmentState.Done ? 1 : 0;
            if (failure >= 0.3)
            {
                holds[w] = new LeaseHold(next);
            }
        }

        private static Dictionary<string, AttributeValue> Key(DateTimeOffset now) => new() { ["seq"] = new AttributeValue { N = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) } };
    }
}

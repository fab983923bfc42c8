using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace SessionEffects.Properties.Copy;

/// <summary>
/// The copy's rate limit on a fake clock, so what is proven is the schedule itself, exactly: a writer on time is
/// granted at the rate to the millisecond, a late one catches up (up to the credit), and no window of grants ever holds
/// more than the rate allows plus the bounded burst. The real-clock proof (200 items/s measured over 10 s against
/// DynamoDB Local) is <see cref="CopyPacingAndResumeTests"/>.
/// </summary>
public sealed class PacingTests
{
    private const double Rate = 100;
    private const int Chunk = 25;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(Chunk / Rate);

    [Fact]
    public void A_writer_that_keeps_up_is_granted_exactly_on_the_schedule()
    {
        var clock = new Clock();
        for (var k = 0; k < 40; k++)
        {
            var granted = clock.Acquire(Chunk);
            Assert.Equal(Period * k, granted);
            clock.Work(TimeSpan.FromSeconds(0.2)); // less than the chunk's 0.25 s share: the writer then waits for the schedule
        }
    }

    [Fact]
    public void A_writer_late_by_less_than_the_credit_catches_up_and_loses_nothing()
    {
        var clock = new Clock();
        var grants = new List<TimeSpan>();
        for (var k = 0; k < 40; k++)
        {
            grants.Add(clock.Acquire(Chunk));

            // One stall of 0.7 s (a late timer, a GC pause, a slow request) leaves the writer 0.45 s behind its schedule;
            // otherwise it does no work at all.
            clock.Work(k == 4 ? TimeSpan.FromSeconds(0.7) : TimeSpan.Zero);
        }

        // After the stall the next chunks go at once until the schedule is reached again; from there on, on it exactly.
        Assert.Equal(TimeSpan.FromSeconds(1.7), grants[5]);
        Assert.Equal(TimeSpan.FromSeconds(1.7), grants[6]);
        Assert.All(Enumerable.Range(7, 33), k => Assert.Equal(Period * k, grants[k]));
        Assert.Equal(TimeSpan.FromSeconds(9.75), grants[39]); // 40 chunks of 25 in 10 s: 100 per second, none lost
    }

    [Fact]
    public void After_an_idle_spell_the_burst_is_at_most_the_credit_and_one_chunk()
    {
        var clock = new Clock();
        clock.Acquire(Chunk);
        clock.Work(TimeSpan.FromSeconds(5));
        var atOnce = 0;
        while (true)
        {
            var asked = clock.Now;
            if (clock.Acquire(Chunk) != asked)
            {
                break;
            }

            atOnce += Chunk;
        }

        Assert.Equal((int)(Rate * Pacing.Credit.TotalSeconds) + Chunk, atOnce);
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(Arbitraries)])]
    public Property No_window_of_grants_holds_more_than_the_rate_times_its_length_plus_the_credit_and_one_acquisition(Step[] steps)
    {
        var clock = new Clock();
        var grants = new List<(TimeSpan At, int Cost)>();
        foreach (var step in steps)
        {
            clock.Work(step.Gap);
            grants.Add((clock.Acquire(step.Cost), step.Cost));
        }

        for (var i = 0; i < grants.Count; i++)
        {
            var units = 0;
            for (var j = i; j < grants.Count; j++)
            {
                units += grants[j].Cost;
                var window = (grants[j].At - grants[i].At + Pacing.Credit).TotalSeconds;

                // One unit of slack: the fake clock is advanced in whole milliseconds, so a grant is seen up to 1 ms late.
                if (units > (Rate * window) + grants[j].Cost + 1)
                {
                    return false.Label($"{units} units granted from {grants[i].At} to {grants[j].At}");
                }
            }
        }

        return true.ToProperty();
    }

    [Fact]
    public async Task A_cancelled_wait_ends_with_OperationCanceledException()
    {
        var fake = new FakeTimeProvider();
        var pacing = Pacing.For(new CopyOptions { ItemsPerSecond = Rate }, fake);
        await pacing.Acquire(Chunk, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = pacing.Acquire(Chunk, cts.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Without_a_limit_nothing_waits()
    {
        var pacing = Pacing.For(new CopyOptions(), new FakeTimeProvider());
        Assert.False(pacing.IsLimited);
        Assert.True(pacing.Acquire(1_000_000, CancellationToken.None).IsCompletedSuccessfully);
    }

    /// <summary>A single writer on a fake clock: acquisitions wait by advancing the clock a millisecond at a time.</summary>
    private sealed class Clock
    {
        private readonly FakeTimeProvider fake = new();
        private readonly DateTimeOffset start;
        private readonly Pacing pacing;

        public Clock()
        {
            start = fake.GetUtcNow();
            pacing = Pacing.For(new CopyOptions { ItemsPerSecond = Rate }, fake);
        }

        public TimeSpan Now => fake.GetUtcNow() - start;

        /// <summary>Acquires <paramref name="cost"/> units; the moment they were granted.</summary>
        public TimeSpan Acquire(int cost)
        {
            var wait = pacing.Acquire(cost, CancellationToken.None);
            while (!wait.IsCompleted)
            {
                fake.Advance(TimeSpan.FromMilliseconds(1));
            }

            wait.GetAwaiter().GetResult();
            return Now;
        }

        /// <summary>Time the writer spends on its own work (writing the chunk) before its next acquisition.</summary>
        public void Work(TimeSpan duration) => fake.Advance(duration);
    }

    /// <summary>One acquisition: the writer's own time before it (its gap), and the units it asks for.</summary>
    public sealed record Step(TimeSpan Gap, int Cost)
    {
        public override string ToString() => $"{Gap.TotalMilliseconds:0} ms, {Cost}";
    }

    public static class Arbitraries
    {
        /// <summary>
        /// Mostly back at once (a busy writer), one time in four after 0.1–1.5 s (a stall or an idle spell): the mix in
        /// which a pacing that banked too much credit would burst.
        /// </summary>
        public static Arbitrary<Step[]> Steps() => Arb.From(Gen.ArrayOf(
            from gap in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 15).Select(tenths => tenths * 100)))
            from cost in Gen.Choose(1, Chunk)
            select new Step(TimeSpan.FromMilliseconds(gap), cost)));
    }
}

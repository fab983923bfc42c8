using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.Benchmarks.Alternating;

/// <summary>
/// Runs the cases of one end-to-end comparison in one process, alternating them round by round (A B C, then B C A, …
/// so no case always follows the same one), and reports each case's median time and, against the baseline, the
/// median of the per-round ratios with their spread (lowest and highest). A ratio whose spread straddles 1 decides
/// nothing; DynamoDB Local on the same 2 cores moves single answers by ±20–30 %, which is why rounds are compared
/// pairwise instead of pooling all timings.
/// </summary>
internal sealed class AlternatingRunner(string title, int rounds)
{
    private readonly List<Case> cases = [];

    /// <summary>
    /// Adds a case; ratios are against the first case added, or the case named <paramref name="baseline"/>.
    /// <paramref name="before"/> and <paramref name="after"/> run untimed around each run.
    /// </summary>
    public AlternatingRunner Add(string name, Func<Task> run, Func<Task>? before = null, Func<Task>? after = null, double operations = 1, string? baseline = null)
    {
        cases.Add(new Case(name, run, before, after, operations, baseline));
        return this;
    }

    /// <summary>Runs every round and prints the table. <paramref name="warmUp"/>: one untimed run of each case first.</summary>
    public async Task RunAsync(bool warmUp = true)
    {
        Console.WriteLine($"## {title}: {cases.Count} cases × {rounds} rounds, alternating");
        foreach (var c in warmUp ? cases : [])
        {
            // One untimed warm-up run each (JIT, connection pools, DynamoDB Local's JVM).
            await Once(c).ConfigureAwait(false);
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < cases.Count; k++)
            {
                var c = cases[(k + round) % cases.Count];
                c.Samples.Add(await Once(c).ConfigureAwait(false));
            }
        }

        Report();
    }

    private static async Task<Sample> Once(Case c)
    {
        if (c.Before is not null)
        {
            await c.Before().ConfigureAwait(false);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var sampler = new PeakSampler();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await c.Run().ConfigureAwait(false);
        clock.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var (heap, workingSet) = sampler.Stop();
        if (c.After is not null)
        {
            await c.After().ConfigureAwait(false);
        }

        return new Sample(clock.Elapsed.TotalMilliseconds / c.Operations, bytes / c.Operations, heap, workingSet);
    }

    private void Report()
    {
        Console.WriteLine("| case | median time | time ratio: median (middle half; min–max) of per-round ratios | allocated / op | peak managed heap | peak working set |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in cases)
        {
            var baseline = c.Baseline is { } name ? cases.Single(b => b.Name == name) : cases[0];
            var ratios = c.Samples.Select((s, i) => s.Milliseconds / baseline.Samples[i].Milliseconds).Order().ToList();
            var ratio = c == baseline ? "1.00 (baseline)"
                : Invariant($"{Median(ratios):0.000} ({ratios[ratios.Count / 4]:0.00}–{ratios[(ratios.Count * 3) / 4]:0.00}; {ratios[0]:0.00}–{ratios[^1]:0.00}){(baseline == cases[0] ? string.Empty : " vs " + baseline.Name)}");
            Console.WriteLine(Invariant(
                $"| {c.Name} | {Time(Median([.. c.Samples.Select(s => s.Milliseconds)]))} | {ratio} | {Bytes(Median([.. c.Samples.Select(s => s.Bytes)]))} | {Bytes(c.Samples.Max(s => s.PeakHeap))} | {Bytes(c.Samples.Max(s => s.PeakWorkingSet))} |"));
        }

        Console.WriteLine();
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Time(double ms) => ms >= 1000 ? Invariant($"{ms / 1000:0.00} s") : ms >= 1 ? Invariant($"{ms:0.0} ms") : Invariant($"{ms * 1000:0.0} µs");

    private static string Bytes(double b) => b >= 1 << 20 ? Invariant($"{b / (1 << 20):0.0} MB") : b >= 1024 ? Invariant($"{b / 1024:0.0} KB") : Invariant($"{b:0} B");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Case(string Name, Func<Task> Run, Func<Task>? Before, Func<Task>? After, double Operations, string? Baseline)
    {
        public List<Sample> Samples { get; } = [];
    }

    private sealed record Sample(double Milliseconds, double Bytes, long PeakHeap, long PeakWorkingSet);

    /// <summary>Samples the managed heap and the working set every 20 ms and keeps the highest.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private long heap;
        private long workingSet;

        public PeakSampler() => loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                Take(process);
                try
                {
                    await Task.Delay(20, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            Take(process);
        });

        public (long Heap, long WorkingSet) Stop()
        {
            stop.Cancel();
            loop.GetAwaiter().GetResult();
            return (heap, workingSet);
        }

        public void Dispose() => stop.Dispose();

        private void Take(Process process)
        {
            process.Refresh();
            heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
            workingSet = Math.Max(workingSet, process.WorkingSet64);
        }
    }
}

using System;
using System.Linq;
using BenchmarkDotNet.Running;
using SessionEffects.Benchmarks.Infrastructure;

namespace SessionEffects.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/SessionEffects.Benchmarks -- [--short] [BenchmarkDotNet arguments]</c>.
/// <c>--short</c> runs every case in this process with few iterations (a smoke run, under two minutes for the whole
/// set); without it each case runs in its own process with full statistics. Everything else goes to BenchmarkDotNet
/// (<c>--filter *</c>, <c>--list flat</c>, ...). <c>--alloc-profile</c> prints which types the hot paths allocate;
/// <c>--pool-memory</c> measures what a cached tenant of a <see cref="SessionPool{TKey}"/> costs in memory;
/// <c>--record-canned</c> records the client-side suite's responses from DynamoDB Local; <c>--e2e NAME</c> runs an
/// end-to-end comparison against DynamoDB Local with its cases alternating in one process; <c>--copy-jobs</c> counts a
/// copy job's lease-table requests per page and times 1, 2 and 4 worker processes of the built tool against one.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--alloc-profile", StringComparer.Ordinal))
        {
            return AllocationProfile.Run(args.Where(a => a != "--alloc-profile").ToArray());
        }

        if (args.Contains("--client-alternate", StringComparer.Ordinal))
        {
            return Alternating.ClientAlternating.Run(args);
        }

        if (args.Contains("--e2e", StringComparer.Ordinal))
        {
            return Alternating.EndToEnd.Run(args);
        }

        if (args.Contains("--copy-jobs", StringComparer.Ordinal))
        {
            return Alternating.CopyJobScaling.Run(args);
        }

        if (args.Contains("--record-canned", StringComparer.Ordinal))
        {
            return ClientSide.Recorder.Run(args.Where(a => a != "--record-canned").ToArray());
        }

        if (args.Contains("--pool-memory", StringComparer.Ordinal))
        {
            return PoolMemory.Run();
        }

        BenchMode.Short = args.Contains("--short", StringComparer.Ordinal);
        var rest = args.Where(a => a != "--short").ToArray();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
        return 0;
    }
}

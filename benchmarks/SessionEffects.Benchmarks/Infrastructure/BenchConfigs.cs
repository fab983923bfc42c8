using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace SessionEffects.Benchmarks.Infrastructure;

/// <summary>
/// The jobs of each kind of benchmark, in full and short mode. A class names its kind with <c>[Config(typeof(...))]</c>;
/// the mode is read when BenchmarkDotNet builds the config, i.e. after <c>Program</c> has parsed <c>--short</c>.
/// Full mode runs every case in its own process (BenchmarkDotNet's default toolchain); short mode runs everything in the
/// host process with few, short iterations and one shared DynamoDB Local.
/// </summary>
internal static class BenchConfigs
{
    private static Job Short(Job job) =>
        job.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);

    /// <summary>Nanosecond-scale, CPU-only work (scope switching): BenchmarkDotNet's default statistics.</summary>
    public sealed class Cpu : ManualConfig
    {
        public Cpu()
        {
            AddDiagnoser(MemoryDiagnoser.Default);
            AddJob(BenchMode.Short
                ? Short(Job.Default.WithId("Short")).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(100))
                : Job.Default.WithId("Full").WithMaxIterationCount(40));
        }
    }

    /// <summary>Millisecond-scale requests to DynamoDB Local.</summary>
    public sealed class Io : ManualConfig
    {
        public Io()
        {
            AddDiagnoser(MemoryDiagnoser.Default);
            AddJob(BenchMode.Short
                ? Short(Job.Default.WithId("Short")).WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(200))
                : Job.Default.WithId("Full").WithWarmupCount(5).WithIterationCount(25).WithLaunchCount(1));
        }
    }

    /// <summary>Long operations (a whole copy): one invocation per iteration, no pilot, the iteration setup before each.</summary>
    public sealed class Long : ManualConfig
    {
        public Long()
        {
            AddDiagnoser(MemoryDiagnoser.Default);
            var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithInvocationCount(1).WithUnrollFactor(1);
            AddJob(BenchMode.Short
                ? Short(job.WithId("Short")).WithWarmupCount(0).WithIterationCount(1)
                : job.WithId("Full").WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
        }
    }
}

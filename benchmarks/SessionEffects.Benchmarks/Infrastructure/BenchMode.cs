namespace SessionEffects.Benchmarks.Infrastructure;

/// <summary>How this run was asked for: full (separate processes, default statistics) or short (in-process, few iterations).</summary>
internal static class BenchMode
{
    /// <summary>Set by <c>Program</c> from the <c>--short</c> argument before BenchmarkDotNet reads the benchmark classes.</summary>
    public static bool Short { get; set; }
}

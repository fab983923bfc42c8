using System;
using System.Threading.Tasks;
using SessionEffects.Testing;

namespace SessionEffects.Properties.Bed;

/// <summary>
/// One instance of each engine for the tests that compare them: the run's shared one for its own engine, and one more,
/// started on first use and stopped at process exit (and by the watchdog), for the other.
/// </summary>
internal static class BothEngines
{
    private static readonly Lazy<Task<DynamoDbLocal>> Other = new(() =>
        DynamoDbLocal.StartAsync(DynamoDbLocal.DefaultEngine == DynamoEngine.Dynalite ? DynamoEngine.DynamoDbLocal : DynamoEngine.Dynalite));

    /// <summary>The running instance of <paramref name="engine"/>.</summary>
    public static Task<DynamoDbLocal> Of(DynamoEngine engine) =>
        engine == DynamoDbLocal.DefaultEngine ? DynamoDbLocal.Shared : Other.Value;
}

using Xunit;

namespace SessionEffects.Properties.Fixtures;

/// <summary>
/// Tests whose proof is about time — a copy's measured rate, credentials refreshed before they expire — run alone,
/// after the parallel tests, so other tests' load on the 2-core machine and on DynamoDB Local does not skew them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}

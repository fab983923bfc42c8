using Xunit;

namespace SessionEffects.Properties.DirectRead;

/// <summary>
/// Test classes that read <c>BenchOrder</c> against DynamoDB Local and check how many items its (process-wide)
/// descriptor read the attribute-map way: they run one after the other, so one class's foreign items never move the
/// count another is checking.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BenchOrderReads
{
    public const string Name = "bench order reads";
}

using Xunit;

namespace SessionEffects.Properties.DirectRead;

/// <summary>
/// Test classes that read <see cref="DirectOrder"/> against DynamoDB Local and check how many items its (process-wide)
/// descriptor read the attribute-map way: they run one after the other, so one class's foreign items never move the
/// count another is checking.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DirectOrderReads
{
    public const string Name = "direct order reads";
}

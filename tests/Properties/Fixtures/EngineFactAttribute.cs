using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.Fixtures;

/// <summary>A fact that needs <see cref="EngineFeature"/>s: on an engine without them it is skipped, saying which and why.</summary>
public sealed class EngineFactAttribute : FactAttribute
{
    public EngineFactAttribute(EngineFeature needs) => Skip = EngineFeatures.SkipReason(needs);
}

/// <summary>A theory that needs <see cref="EngineFeature"/>s: on an engine without them it is skipped, saying which and why.</summary>
public sealed class EngineTheoryAttribute : TheoryAttribute
{
    public EngineTheoryAttribute(EngineFeature needs) => Skip = EngineFeatures.SkipReason(needs);
}

/// <summary>An FsCheck property that needs <see cref="EngineFeature"/>s: skipped on an engine without them, saying which and why.</summary>
public sealed class EnginePropertyAttribute : FsCheck.Xunit.PropertyAttribute
{
    public EnginePropertyAttribute(EngineFeature needs) => Skip = EngineFeatures.SkipReason(needs);
}

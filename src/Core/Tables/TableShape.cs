using System.Collections.Immutable;
using System.Reflection;

namespace SessionEffects;

/// <summary>What a table class declares, read once from its attributes: name, keys, indexes, version, stored properties and write rules.</summary>
internal sealed record TableShape(
    string Name,
    KeyAttribute Hash,
    KeyAttribute? Range,
    ImmutableArray<SecondaryIndex> Indexes,
    VersionProperty? Version,
    ImmutableArray<PropertyInfo> Properties,
    SaveRules Rules);

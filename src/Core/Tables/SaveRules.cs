using System;
using System.Collections.Immutable;

namespace SessionEffects;

/// <summary>
/// What a write of a table class must do beyond storing its properties, read once from the class: the members whose
/// stored value the write decides (atomic counters, generated timestamps, if-not-exists properties) and the
/// DynamoDBContext settings of <see cref="TableMappingOptionsAttribute"/>.
/// </summary>
internal sealed record SaveRules(
    ImmutableArray<AtomicCounter> Counters,
    ImmutableArray<GeneratedTimestamp> Timestamps,
    ImmutableArray<IfNotExistsProperty> IfNotExists,
    bool IgnoreNullValues,
    bool SkipVersionCheck,
    bool RetrieveDateTimeInUtc)
{
    /// <summary>A class with none of these members and the default settings.</summary>
    public static SaveRules None { get; } = new([], [], [], IgnoreNullValues: false, SkipVersionCheck: false, RetrieveDateTimeInUtc: true);

    /// <summary>
    /// Whether a save needs the item as DynamoDB stored it (<c>ReturnValues = ALL_NEW</c>): a counter's or an
    /// if-not-exists property's stored value is decided by DynamoDB, and the object carries it afterwards.
    /// </summary>
    public bool NeedsStoredItem => !Counters.IsEmpty || !IfNotExists.IsEmpty;

    /// <summary>Whether the class has a member that BatchWriteItem (whole-item puts) cannot honour.</summary>
    public bool HasUpdateOnlyMembers => NeedsStoredItem;

    /// <summary>
    /// Whether DynamoDBContext writes values back into the object after a save: when it sends a version condition, a
    /// counter or an if-not-exists property (its generated timestamps go into the object then, and only then).
    /// </summary>
    public bool WritesBack(VersionProperty? version) => NeedsStoredItem || (version is not null && !SkipVersionCheck);

    /// <summary>Whether the attribute is a counter's (per attribute of every save: a loop, no closure).</summary>
    public bool IsCounter(string attribute)
    {
        foreach (var c in Counters)
        {
            if (string.Equals(c.AttributeName, attribute, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the property stored as <paramref name="attribute"/> is set only when the item lacks it.</summary>
    public bool IsIfNotExists(string attribute)
    {
        foreach (var p in IfNotExists)
        {
            if (string.Equals(p.AttributeName, attribute, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

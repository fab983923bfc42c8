using System.Collections.Immutable;
using System.Reflection;

namespace SessionEffects;

/// <summary>Everything a query value has been told so far; immutable, so query values can be shared and extended.</summary>
internal sealed record QueryState
{
    public static QueryState Empty { get; } = new();

    public ImmutableList<Predicate> Conditions { get; init; } = [];

    public string? IndexName { get; init; }

    public bool AllowScan { get; init; }

    public PropertyInfo? OrderBy { get; init; }

    public bool Descending { get; init; }

    public int? Limit { get; init; }

    public int? PageSize { get; init; }

    public bool ConsistentRead { get; init; }

    /// <summary>Attributes to read (ProjectionExpression); empty for all.</summary>
    public ImmutableArray<PropertyInfo> Projection { get; init; } = [];
}

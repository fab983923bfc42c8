namespace SessionEffects;

/// <summary>How to query a table or an index for one hash key.</summary>
public sealed record QueryOptions : ReadOptions
{
    /// <summary>A condition on the range key (of the table, or of <see cref="ReadOptions.IndexName"/>).</summary>
    public RangeKeyCondition? Range { get; init; }

    /// <summary>Highest range key first.</summary>
    public bool Descending { get; init; }
}

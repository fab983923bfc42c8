namespace SessionEffects;

/// <summary>How to query a table or an index for one hash key.</summary>
public sealed record QueryOptions
{
    /// <summary>A condition on the range key (of the table, or of <see cref="IndexName"/>).</summary>
    public RangeKeyCondition? Range { get; init; }

    /// <summary>Query this index instead of the table; the hash key value is then the index's hash key.</summary>
    public string? IndexName { get; init; }

    /// <summary>Keep only items matching this filter (applied by DynamoDB, after the key condition).</summary>
    public DynamoCondition? Filter { get; init; }

    /// <summary>Stop after this many items in all.</summary>
    public int? Limit { get; init; }

    /// <summary>Items DynamoDB evaluates per request (page); DynamoDB's 1 MB pages when absent.</summary>
    public int? PageSize { get; init; }

    /// <summary>Strongly consistent reads (not on global indexes).</summary>
    public bool ConsistentRead { get; init; }

    /// <summary>Highest range key first.</summary>
    public bool Descending { get; init; }
}

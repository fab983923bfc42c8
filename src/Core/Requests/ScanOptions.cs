namespace SessionEffects;

/// <summary>How to scan a table or an index.</summary>
public sealed record ScanOptions
{
    /// <summary>Scan this index instead of the table.</summary>
    public string? IndexName { get; init; }

    /// <summary>Keep only items matching this filter (applied by DynamoDB).</summary>
    public DynamoCondition? Filter { get; init; }

    /// <summary>Stop after this many items in all.</summary>
    public int? Limit { get; init; }

    /// <summary>Items DynamoDB evaluates per request (page); DynamoDB's 1 MB pages when absent.</summary>
    public int? PageSize { get; init; }

    /// <summary>Strongly consistent reads (not on global indexes).</summary>
    public bool ConsistentRead { get; init; }
}

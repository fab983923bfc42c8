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

/// <summary>How to create a table from its descriptor.</summary>
public sealed record CreateTableOptions
{
    /// <summary>Provisioned read capacity; on-demand billing when neither capacity is given.</summary>
    public long? ReadCapacityUnits { get; init; }

    /// <summary>Provisioned write capacity; on-demand billing when neither capacity is given.</summary>
    public long? WriteCapacityUnits { get; init; }

    /// <summary>How long to wait for the table to become ACTIVE.</summary>
    public System.TimeSpan WaitTimeout { get; init; } = System.TimeSpan.FromMinutes(5);
}

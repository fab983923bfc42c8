namespace SessionEffects;

/// <summary>What scans and queries share: index, filter, how many items, page size, consistency, where to start.</summary>
public abstract record ReadOptions
{
    private protected ReadOptions()
    {
    }

    /// <summary>Read this index instead of the table.</summary>
    public string? IndexName { get; init; }

    /// <summary>Keep only items matching this filter (applied by DynamoDB after reading; typed or text).</summary>
    public DynamoCondition? Filter { get; init; }

    /// <summary>Stop after this many items in all (not for single pages: their size is <see cref="PageSize"/>).</summary>
    public int? Limit { get; init; }

    /// <summary>Items DynamoDB evaluates per request (one page); DynamoDB's 1 MB pages when absent.</summary>
    public int? PageSize { get; init; }

    /// <summary>Strongly consistent reads (the table and local indexes only; DynamoDB refuses them on global indexes).</summary>
    public bool ConsistentRead { get; init; }

    /// <summary>
    /// Start after the page that returned this token (a page's <see cref="Page{T}.NextToken"/>); from the beginning
    /// when absent. A token is bound to the table, index and segment it came from, and to what the session reaches
    /// (<see cref="AwsSession.ReachesSameAs"/>): a token from another tenant's session is refused.
    /// </summary>
    public string? StartToken { get; init; }

    /// <summary>
    /// Keys that make this read's page tokens opaque: encrypted and authenticated (AES-256-GCM), so a token shows no
    /// key value and any change to it is refused. Tokens are made with the newest key and accepted with any key of the
    /// ring (<see cref="PageTokenKeys"/> explains rotation). Without keys, a token is plain: URL-safe base64 of the last
    /// key read, with a checksum — readable by whoever holds it. Give keys to tokens that leave the process.
    /// </summary>
    public PageTokenKeys? PageTokenKeys { get; init; }
}

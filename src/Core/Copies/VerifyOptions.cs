namespace SessionEffects;

/// <summary>How to verify a copy.</summary>
public sealed record VerifyOptions
{
    /// <summary>Scan segments read in parallel on each side; 4 by default.</summary>
    public int Segments { get; init; } = 4;

    /// <summary>How many keys of each kind (missing, extra, different) to report; 20 by default. All are counted.</summary>
    public int MaxReported { get; init; } = 20;

    /// <summary>Compare only the source items matching this filter (the same filter as the copy's).</summary>
    public DynamoCondition? Filter { get; init; }
}

namespace SessionEffects;

/// <summary>How to scan a table or an index, optionally in parallel segments.</summary>
public sealed record ScanOptions : ReadOptions
{
    /// <summary>
    /// Read the table in this many segments at once (DynamoDB's parallel scan), each paged on its own, merged into one
    /// stream or result; 1 (a plain scan) when absent. Items then arrive in no particular order.
    /// </summary>
    public int? Segments { get; init; }

    /// <summary>
    /// Read only this segment (0-based) of <see cref="TotalSegments"/>: to spread one scan over your own workers.
    /// Give both or neither, and not together with <see cref="Segments"/>.
    /// </summary>
    public int? Segment { get; init; }

    /// <summary>How many segments the scan is divided into when <see cref="Segment"/> is given.</summary>
    public int? TotalSegments { get; init; }
}

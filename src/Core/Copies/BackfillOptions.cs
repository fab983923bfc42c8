namespace SessionEffects;

/// <summary>How a mirrored table's backfill (copy of the primary into the secondary while it is written) runs.</summary>
public sealed record BackfillOptions
{
    /// <summary>Scan segments of the primary read in parallel; 4 by default.</summary>
    public int Segments { get; init; } = 4;

    /// <summary>Conditional puts sent to the secondary at once; 16 by default.</summary>
    public int Concurrency { get; init; } = 16;
}

namespace SessionEffects;

/// <summary>How one secondary index of a new table is built.</summary>
/// <param name="IndexName">The index, as declared on the class.</param>
public sealed record IndexOptions(string IndexName)
{
    /// <summary>Which attributes the index holds; all by default.</summary>
    public IndexProjection Projection { get; init; } = IndexProjection.All;

    /// <summary>Provisioned read capacity of a global index on a provisioned table; the table's when absent.</summary>
    public long? ReadCapacityUnits { get; init; }

    /// <summary>Provisioned write capacity of a global index on a provisioned table; the table's when absent.</summary>
    public long? WriteCapacityUnits { get; init; }
}

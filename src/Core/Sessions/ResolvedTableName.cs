namespace SessionEffects;

/// <summary>
/// One logical table name resolved by a <see cref="TableNames"/>: the physical name and how messages and traces name
/// the target (<c>table dev-orders (logical orders)</c>), both made once per name and naming.
/// </summary>
internal sealed class ResolvedTableName(string logical, string physical)
{
    /// <summary>The name the table class declares.</summary>
    public string Logical { get; } = logical;

    /// <summary>The name DynamoDB is asked about.</summary>
    public string Physical { get; } = physical;

    /// <summary>Whether the two differ (then messages and traces show both).</summary>
    public bool Renamed => Logical != Physical;

    /// <summary>How a failure or trace names what a request addresses.</summary>
    public string Target { get; } = logical == physical ? "table " + physical : $"table {physical} (logical {logical})";
}

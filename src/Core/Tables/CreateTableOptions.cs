namespace SessionEffects;

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

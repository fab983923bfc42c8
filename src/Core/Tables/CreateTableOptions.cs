using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2;

namespace SessionEffects;

/// <summary>How to create a table from its descriptor: billing, index projections and capacities, TTL, stream, tags, protection.</summary>
public sealed record CreateTableOptions
{
    /// <summary>Provisioned read capacity; on-demand billing when neither capacity is given.</summary>
    public long? ReadCapacityUnits { get; init; }

    /// <summary>Provisioned write capacity; on-demand billing when neither capacity is given.</summary>
    public long? WriteCapacityUnits { get; init; }

    /// <summary>How long to wait for the table to become ACTIVE.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Per-index settings (projection, and for global indexes of a provisioned table their own capacity). Indexes not
    /// listed project all attributes and, on a provisioned table, take the table's capacity.
    /// </summary>
    public IReadOnlyList<IndexOptions> Indexes { get; init; } = [];

    /// <summary>The attribute holding each item's expiry (epoch seconds): TTL is enabled on it once the table is ACTIVE.</summary>
    public string? TimeToLiveAttribute { get; init; }

    /// <summary>Turns on DynamoDB Streams with this view (keys only, new image, old image, or both).</summary>
    public StreamViewType? Stream { get; init; }

    /// <summary>Tags to put on the table.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Protects the table from deletion until the protection is turned off.</summary>
    public bool DeletionProtection { get; init; }
}

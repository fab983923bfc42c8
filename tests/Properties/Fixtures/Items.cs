using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects.Properties.Fixtures;

/// <summary>A table with a hash key only, as in the Python original's demo.</summary>
[DynamoDBTable("users")]
public sealed class User
{
    [DynamoDBHashKey("id")]
    public string Id { get; set; } = string.Empty;

    [DynamoDBProperty("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Which account the writer meant the item for: routing tests compare it with where it landed.</summary>
    public string Account { get; set; } = string.Empty;
}

/// <summary>A second table, so programs can switch several tables independently.</summary>
[DynamoDBTable("orders")]
public sealed class Order
{
    [DynamoDBHashKey("customer")]
    public string CustomerId { get; set; } = string.Empty;

    [DynamoDBRangeKey("placed")]
    public long PlacedAt { get; set; }

    [DynamoDBGlobalSecondaryIndexHashKey("by-status")]
    public string Status { get; set; } = "new";

    [DynamoDBLocalSecondaryIndexRangeKey("by-total")]
    public decimal Total { get; set; }

    public string Account { get; set; } = string.Empty;

    public HashSet<string>? Tags { get; set; }
}

/// <summary>A third table for programs over up to three tables.</summary>
[DynamoDBTable("events")]
public sealed class Event
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

    public string Account { get; set; } = string.Empty;
}

/// <summary>Not a table: no [DynamoDBTable].</summary>
public sealed class NotATable
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;
}

/// <summary>A table without a hash key.</summary>
[DynamoDBTable("nokey")]
public sealed class NoHashKey
{
    public string Id { get; set; } = string.Empty;
}

/// <summary>A table whose hash key has a type DynamoDB keys cannot hold.</summary>
[DynamoDBTable("badkey")]
public sealed class BoolKey
{
    [DynamoDBHashKey]
    public bool Id { get; set; }
}

/// <summary>A table for query translation: reserved-word attribute names, every supported kind of property, an index.</summary>
[DynamoDBTable("catalog")]
public sealed class CatalogItem
{
    [DynamoDBHashKey("pk")]
    public string Group { get; set; } = string.Empty;

    [DynamoDBRangeKey("sk")]
    public int Seq { get; set; }

    /// <summary>Stored as "name", a DynamoDB reserved word.</summary>
    [DynamoDBProperty("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Stored as "size", a reserved word.</summary>
    [DynamoDBProperty("size")]
    public long Size { get; set; }

    /// <summary>Stored as "status", a reserved word.</summary>
    [DynamoDBProperty("status")]
    public string Status { get; set; } = "new";

    public int Count { get; set; }

    public bool Flag { get; set; }

    public string? Note { get; set; }

    public HashSet<string>? Tags { get; set; }

    [DynamoDBGlobalSecondaryIndexHashKey("by-category")]
    public string Category { get; set; } = "c1";

    [DynamoDBIgnore]
    public string Ignored { get; set; } = string.Empty;

    public Address? Address { get; set; }
}

/// <summary>A nested document, to show that nested paths are refused clearly.</summary>
public sealed class Address
{
    public string City { get; set; } = string.Empty;
}

/// <summary>A versioned table: optimistic locking with [DynamoDBVersion], as DynamoDBContext does it.</summary>
[DynamoDBTable("documents")]
public sealed class VersionedDoc
{
    [DynamoDBHashKey("id")]
    public string Id { get; set; } = string.Empty;

    [DynamoDBProperty("text")]
    public string Text { get; set; } = string.Empty;

    [DynamoDBVersion]
    public int? Version { get; set; }
}

/// <summary>Accounts with balances, for transactions.</summary>
[DynamoDBTable("accounts")]
public sealed class BankAccount
{
    [DynamoDBHashKey("owner")]
    public string Owner { get; set; } = string.Empty;

    [DynamoDBProperty("balance")]
    public long Balance { get; set; }
}

/// <summary>A table to copy between accounts: hash and range keys, a global index, a TTL attribute.</summary>
[DynamoDBTable("shipments")]
public sealed class Shipment
{
    [DynamoDBHashKey("tenant")]
    public string Tenant { get; set; } = string.Empty;

    [DynamoDBRangeKey("seq")]
    public int Seq { get; set; }

    [DynamoDBGlobalSecondaryIndexHashKey("by-status")]
    [DynamoDBProperty("status")]
    public string Status { get; set; } = "new";

    /// <summary>Epoch seconds after which DynamoDB may delete the item (the table's TTL attribute).</summary>
    [DynamoDBProperty("expires")]
    public long Expires { get; set; }
}

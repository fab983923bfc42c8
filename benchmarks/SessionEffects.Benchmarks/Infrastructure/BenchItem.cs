using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects.Benchmarks.Infrastructure;

/// <summary>The one table every benchmark uses: a hash key and a small payload, like the Python original's demo model.</summary>
[DynamoDBTable("bench_items")]
public sealed class BenchItem
{
    /// <summary>The hash key.</summary>
    [DynamoDBHashKey("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>About 100 bytes of text, so an item is not empty.</summary>
    [DynamoDBProperty("payload")]
    public string Payload { get; set; } = string.Empty;

    /// <summary>A number attribute.</summary>
    [DynamoDBProperty("n")]
    public int Number { get; set; }
}

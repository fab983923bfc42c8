using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>A GetItem answer read directly: the SDK's response (capacity as the SDK read it) and the item, if any.</summary>
internal sealed class DirectGetItemResponse<T> : GetItemResponse
    where T : class, new()
{
    /// <summary>The item; null when there is none.</summary>
    public ReadItem<T>? Found { get; set; }
}

/// <summary>A Query page read directly: counts, <c>LastEvaluatedKey</c> and capacity as the SDK read them, and the items.</summary>
internal sealed class DirectQueryResponse<T> : QueryResponse
    where T : class, new()
{
    /// <summary>The page's items, in order.</summary>
    public List<ReadItem<T>> Read { get; set; } = [];
}

/// <summary>A Scan page read directly, as <see cref="DirectQueryResponse{T}"/>.</summary>
internal sealed class DirectScanResponse<T> : ScanResponse
    where T : class, new()
{
    /// <summary>The page's items, in order.</summary>
    public List<ReadItem<T>> Read { get; set; } = [];
}

/// <summary>A BatchGetItem answer over one table read directly: <c>UnprocessedKeys</c> and capacity as the SDK read them.</summary>
internal sealed class DirectBatchGetResponse<T> : BatchGetItemResponse
    where T : class, new()
{
    /// <summary>The items found, each with its key's identity (<see cref="KeyIdentity"/>).</summary>
    public List<(string KeyId, ReadItem<T> Item)> Read { get; set; } = [];
}

/// <summary>A TransactGetItems answer read directly: per part, in order, the object, or the attribute map its part maps, or nothing.</summary>
internal sealed class DirectTransactGetResponse : TransactGetItemsResponse
{
    /// <summary>One entry per part: the object read directly, or null with the stored map (null too when the part found no item).</summary>
    public List<(object? Value, Dictionary<string, AttributeValue>? Stored)> Read { get; set; } = [];
}

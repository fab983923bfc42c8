using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The library's own mapping of <typeparamref name="T"/>, planned once by <see cref="MappingPlanner"/>: compiled
/// property delegates and codecs, no per-item reflection and no intermediate <c>Document</c>. Where it meets a value or
/// a stored form it leaves to the SDK, it says so (null) and the caller uses the SDK's path for that item.
/// </summary>
internal sealed class CompiledItemMapping<T>(ObjectCodec<T> root)
    where T : class, new()
{
    /// <summary>The item's attribute map, or null when the SDK must map this item.</summary>
    public Dictionary<string, AttributeValue>? ToAttributes(T item) => root.WriteMap(item);

    /// <summary>The item an attribute map holds, or null when the SDK must read this map.</summary>
    public T? FromAttributes(Dictionary<string, AttributeValue> attributes) => root.ReadMap(attributes);
}

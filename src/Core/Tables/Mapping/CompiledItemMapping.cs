using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The library's own mapping of <typeparamref name="T"/>, planned once by <see cref="MappingPlanner"/>: compiled
/// property delegates and codecs, no per-item reflection and no intermediate <c>Document</c> (but for converter values).
/// Where it meets a value or a stored form it leaves to the SDK, it says so (null) and the caller uses the SDK's path for
/// that item.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class CompiledItemMapping<T>
    where T : class, new()
{
    private readonly ObjectCodec<T> root;
    private readonly PropertyMap<T>? hash;
    private readonly PropertyMap<T>? range;
    private readonly bool ranged;

    public CompiledItemMapping(ObjectCodec<T> root, DynamoTable table)
    {
        this.root = root;
        Direct = new DirectRead<T>(root, table);
        hash = root.Properties.FirstOrDefault(p => p.AttributeName == table.HashKey.AttributeName);
        ranged = table.RangeKey is not null;
        range = table.RangeKey is { } r ? root.Properties.FirstOrDefault(p => p.AttributeName == r.AttributeName) : null;
    }

    /// <summary>The direct read of the class (responses straight into objects through the same codecs).</summary>
    public DirectRead<T> Direct { get; }

    /// <summary>The item's attribute map, or null when the SDK must map this item; null properties' names go to <paramref name="nulls"/>.</summary>
    public Dictionary<string, AttributeValue>? ToAttributes(T item, List<string>? nulls = null) => root.WriteMap(item, nulls);

    /// <summary>The item an attribute map holds, or null when the SDK must read this map.</summary>
    public T? FromAttributes(Dictionary<string, AttributeValue> attributes) => root.ReadMap(attributes);

    /// <summary>
    /// The primary key from key values of exactly the key properties' types; null for anything else (another type to
    /// convert, a missing or superfluous range key), which the general conversion then converts or refuses.
    /// </summary>
    public Dictionary<string, AttributeValue>? Key(object hashKey, object? rangeKey)
    {
        if (hash?.WriteValue(hashKey) is not { } h)
        {
            return null;
        }

        if (!ranged)
        {
            return rangeKey is null ? new Dictionary<string, AttributeValue>(1) { [hash.AttributeName] = h } : null;
        }

        return rangeKey is not null && range?.WriteValue(rangeKey) is { } r
            ? new Dictionary<string, AttributeValue>(2) { [hash.AttributeName] = h, [range.AttributeName] = r }
            : null;
    }
}

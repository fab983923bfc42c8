using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Converts items of <typeparamref name="T"/> to and from attribute maps with the SDK's object-persistence rules
/// (<c>[DynamoDBProperty]</c> names, converters, epoch dates, V2 conversion, empty strings kept). One per table, shared
/// by every session: mapping is about the class, not the account, so a switch never rebuilds it.
/// </summary>
/// <remarks>
/// Classes the compiled mapping covers (<see cref="MappingPlanner"/>) are mapped by it, several times cheaper than the
/// SDK's document path; every other class goes through the SDK (<see cref="Path"/> says which, and
/// <see cref="FallbackReason"/> why). Even on the compiled path a single item the compiled mapping does not expect —
/// a subclass instance, a null inside a list, an attribute stored in another form by other code — is mapped by the
/// SDK, so both paths always give what DynamoDBContext gives.
/// </remarks>
internal sealed class ItemMapper<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>
    where T : class, new()
{
    private readonly DynamoTable table;
    private readonly CompiledItemMapping<T>? compiled;
    private readonly Lazy<SdkItemMapping<T>> sdk;
    private readonly (System.Reflection.PropertyInfo Hash, System.Reflection.PropertyInfo? Range) keyProperties;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The compiled mapping runs only while CompiledMappingFeature.IsSupported, which the package's targets switch off (and the trimmer then removes) for trimmed and native AOT applications.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above: only while CompiledMappingFeature.IsSupported, which is false where code cannot be generated at run time.")]
    public ItemMapper(DynamoTable table)
    {
        this.table = table;
        keyProperties = (table.PropertyOf(table.HashKey.AttributeName)!, table.RangeKey is { } r ? table.PropertyOf(r.AttributeName) : null);
        sdk = new(() => new SdkItemMapping<T>(table.Rules), LazyThreadSafetyMode.ExecutionAndPublication);
        if (CompiledMappingFeature.IsSupported)
        {
            compiled = MappingPlanner.TryPlan<T>(table, out var reason) is { } root ? new CompiledItemMapping<T>(root, table) : null;
            FallbackReason = reason;
        }
        else
        {
            FallbackReason = "the compiled mapping is switched off (trimmed or native AOT application, or the SessionEffects.CompiledItemMapping.IsSupported switch)";
        }
    }

    /// <summary>Which path maps this class.</summary>
    public ItemMappingPath Path => compiled is null ? ItemMappingPath.Sdk : ItemMappingPath.Compiled;

    /// <summary>
    /// The direct read of the class's responses, on the compiled path (null on the SDK's). Reads use it when their
    /// client can take its unmarshallers; <see cref="Direct"/> is also what benchmarks and tests compare.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Made only with the compiled mapping, which exists only while CompiledMappingFeature.IsSupported.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above.")]
    internal DirectRead<T>? Direct => compiled?.Direct;

    /// <summary>The direct read's GetItem unmarshaller (answers <see cref="DirectGetItemResponse{T}"/>); null on the SDK's path.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As Direct.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As Direct.")]
    public Amazon.Runtime.Internal.Transform.ResponseUnmarshaller? DirectGetItem => compiled?.Direct.GetItem;

    /// <summary>The direct read's Query unmarshaller (answers <see cref="DirectQueryResponse{T}"/>).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As Direct.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As Direct.")]
    public Amazon.Runtime.Internal.Transform.ResponseUnmarshaller? DirectQuery => compiled?.Direct.Query;

    /// <summary>The direct read's Scan unmarshaller (answers <see cref="DirectScanResponse{T}"/>).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As Direct.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As Direct.")]
    public Amazon.Runtime.Internal.Transform.ResponseUnmarshaller? DirectScan => compiled?.Direct.Scan;

    /// <summary>The direct read's BatchGetItem unmarshaller (answers <see cref="DirectBatchGetResponse{T}"/>).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As Direct.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As Direct.")]
    public Amazon.Runtime.Internal.Transform.ResponseUnmarshaller? DirectBatchGet => compiled?.Direct.BatchGet;

    /// <summary>The direct read's item reader, for a transaction's part; null on the SDK's path.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As Direct.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As Direct.")]
    public IDirectPartReader? DirectPart => compiled?.Direct.Items;

    /// <summary>Items the direct read has left to the attribute-map path so far (their stored form was not the one it reads).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As Direct.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As Direct.")]
    public long DirectReadFallbacks => compiled?.Direct.Fallbacks ?? 0;

    /// <summary>Why the class is mapped by the SDK's path; null on the compiled path.</summary>
    public string? FallbackReason { get; }

    /// <summary>The item as an attribute map for PutItem or BatchWriteItem.</summary>
    public Dictionary<string, AttributeValue> ToAttributes(T item) =>
        compiled?.ToAttributes(item) ?? sdk.Value.ToAttributes(item);

    /// <summary>
    /// The item as an attribute map for a save, and the stored names of its null properties (which DynamoDBContext's
    /// save removes from the stored item).
    /// </summary>
    public Dictionary<string, AttributeValue> ToAttributes(T item, List<string> nulls)
    {
        if (compiled?.ToAttributes(item, nulls) is { } map)
        {
            return map;
        }

        nulls.Clear();
        return sdk.Value.ToAttributes(item, nulls);
    }

    /// <summary>The item an attribute map holds.</summary>
    public T FromAttributes(Dictionary<string, AttributeValue> attributes) =>
        compiled?.FromAttributes(attributes) ?? sdk.Value.FromAttributes(attributes);

    /// <summary>The item as the SDK's path alone maps it (for comparisons and benchmarks).</summary>
    internal Dictionary<string, AttributeValue> ToAttributesBySdk(T item) => sdk.Value.ToAttributes(item);

    /// <summary>The item an attribute map holds, as the SDK's path alone reads it (for comparisons and benchmarks).</summary>
    internal T FromAttributesBySdk(Dictionary<string, AttributeValue> attributes) => sdk.Value.FromAttributes(attributes);

    /// <summary>
    /// The primary key of an item, from its key properties alone (as DynamoDBContext maps a delete): a value of another
    /// property never takes part, so a property that cannot be stored does not stop a delete.
    /// </summary>
    public Dictionary<string, AttributeValue> KeyOf(T item)
    {
        var hash = keyProperties.Hash.GetValue(item)
            ?? throw new ArgumentException($"{typeof(T).Name} item has no value for key attribute '{table.HashKey.AttributeName}' of table {table.Name}.", nameof(item));
        object? range = null;
        if (keyProperties.Range is { } rangeProperty)
        {
            range = rangeProperty.GetValue(item)
                ?? throw new ArgumentException($"{typeof(T).Name} item has no value for key attribute '{table.RangeKey!.AttributeName}' of table {table.Name}.", nameof(item));
        }

        return Key(hash, range);
    }

    /// <summary>The primary key from key values, checked against the table's key types before any request.</summary>
    public Dictionary<string, AttributeValue> Key(object hashKey, object? rangeKey) =>
        (hashKey is null ? null : compiled?.Key(hashKey, rangeKey)) ?? KeyValues.KeyOf(table, hashKey!, rangeKey);

}

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// One part of a read transaction (<c>transactGet</c>): the item with one key of one table. Keep the typed part to
/// find its item in the result.
/// </summary>
public abstract class GetPart
{
    private protected GetPart(DynamoTable table, ItemKey key)
    {
        Table = table;
        Key = key;
    }

    /// <summary>The table this part reads.</summary>
    public DynamoTable Table { get; }

    /// <summary>The key it reads.</summary>
    public ItemKey Key { get; }

    /// <summary>A part reading the item with this key of <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    public static GetPart<T> Of<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(hashKey);
        return new GetPart<T>(table, new ItemKey(hashKey, rangeKey));
    }

    /// <inheritdoc/>
    public override string ToString() => $"get on table {Table.Name}";

    /// <summary>The key as an attribute map, checked against the table.</summary>
    internal Dictionary<string, AttributeValue> KeyMap() => KeyValues.KeyOf(Table, Key.HashKey, Key.RangeKey);

    /// <summary>The item an attribute map holds, as the part's type.</summary>
    internal abstract object Map(Dictionary<string, AttributeValue> item);

    /// <summary>The direct read of the part's class; null when its class is on the SDK's mapping path.</summary>
    internal abstract IDirectPartReader? Direct { get; }
}

/// <summary>A <see cref="GetPart"/> whose item is a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The table class.</typeparam>
public sealed class GetPart<[DynamicallyAccessedMembers(ItemMembers.Kept)] T> : GetPart
    where T : class, new()
{
    private readonly DynamoTable<T> table;

    internal GetPart(DynamoTable<T> table, ItemKey key)
        : base(table, key) => this.table = table;

    internal override object Map(Dictionary<string, AttributeValue> item) => table.Mapper.FromAttributes(item);

    internal override IDirectPartReader? Direct => table.Mapper.DirectPart;
}

using System;
using System.Diagnostics.CodeAnalysis;

namespace SessionEffects;

/// <summary>
/// One part of a write transaction (<c>transactWrite</c>): a put, update, delete or condition check on one item of one
/// table. A part is a value; its request is built when the transaction runs, so a versioned put reads the item's
/// version then, and the item carries its new version once the transaction has committed.
/// </summary>
public sealed class WritePart
{
    private readonly Func<ItemWrite> build;
    private readonly string kind;

    private WritePart(DynamoTable table, string kind, Func<ItemWrite> build)
    {
        Table = table;
        this.kind = kind;
        this.build = build;
    }

    /// <summary>The table this part writes.</summary>
    public DynamoTable Table { get; }

    /// <summary>
    /// Saves <paramref name="item"/> as a single save does (an update of its stored attributes, so attributes the class
    /// does not map are kept; counters add their delta, if-not-exists properties are kept, timestamps generated),
    /// optimistic-locked on versioned classes. A transaction returns no items, so afterwards the object is populated, as
    /// DynamoDBContext's transactions do it, from what was sent: its new version and generated timestamps, but not the
    /// stored counters or kept values (read the item for those).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="item"/> is null.</exception>
    public static WritePart Put<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(item);
        return new(table, "put", () => ItemSave.Build(table, item, condition, inTransaction: true));
    }

    /// <summary>Applies <paramref name="update"/> to the item with this key (its condition included).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/>, <paramref name="hashKey"/> or <paramref name="update"/> is null.</exception>
    public static WritePart Update<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, ItemUpdate update)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(hashKey);
        ArgumentNullException.ThrowIfNull(update);
        return new(table, "update", () => ItemWrites.Update(table, hashKey, rangeKey, update));
    }

    /// <summary>Deletes the item with this key, optionally only when <paramref name="condition"/> holds.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    public static WritePart Delete<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey = null, DynamoCondition? condition = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(hashKey);
        return new(table, "delete", () => ItemWrites.Delete(table, hashKey, rangeKey, condition));
    }

    /// <summary>Deletes <paramref name="item"/>'s key; on a versioned class only while the stored version is the item's.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="item"/> is null.</exception>
    public static WritePart DeleteItem<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(item);
        return new(table, "delete", () => ItemWrites.DeleteItem(table, item, condition));
    }

    /// <summary>Checks <paramref name="condition"/> on the item with this key, writing nothing; the transaction fails if it does not hold.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/>, <paramref name="hashKey"/> or <paramref name="condition"/> is null.</exception>
    public static WritePart Check<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, DynamoCondition condition)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(hashKey);
        ArgumentNullException.ThrowIfNull(condition);
        return new(table, "condition check", () => ItemWrites.Check(table, hashKey, rangeKey, condition));
    }

    /// <summary>The kind of part and its table.</summary>
    public override string ToString() => $"{kind} on table {Table.Name}";

    /// <summary>The request part, built now.</summary>
    internal ItemWrite Build() => build();
}

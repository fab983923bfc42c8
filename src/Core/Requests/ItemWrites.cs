using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Builds single-item writes and reads from values, with no session: the item or key through the class mapping, the
/// caller's condition and update through one expression writer, and optimistic locking as DynamoDBContext does it
/// (a versioned save conditions on the stored version and stores the next one; a delete by item conditions on it).
/// </summary>
internal static class ItemWrites
{
    /// <summary>
    /// A save of <paramref name="item"/> as DynamoDBContext sends it (<see cref="ItemSave"/>): an UpdateItem that sets the
    /// stored attributes and removes the null ones, with counters, if-not-exists properties, generated timestamps and,
    /// on a versioned table, the version condition and the next version.
    /// </summary>
    /// <exception cref="ArgumentException">The condition is over another class, or uses an undefined placeholder.</exception>
    public static ItemWrite Save<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition)
        where T : class, new() =>
        ItemSave.Build(table, item, condition);

    /// <summary>A delete by key (no version check: the caller holds no version), optionally conditioned.</summary>
    /// <exception cref="ArgumentException">A key value does not fit, or the condition is wrong for the table.</exception>
    public static ItemWrite Delete<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, DynamoCondition? condition)
        where T : class, new()
    {
        var key = table.Mapper.Key(hashKey, rangeKey);
        var writer = new ExpressionWriter();
        return ItemWrite.Delete(table, key, writer, condition?.Render(writer, table));
    }

    /// <summary>A delete of the item's key; on a versioned table only while the stored version is still the item's.</summary>
    /// <exception cref="ArgumentException">The item has no key value, or the condition is wrong for the table.</exception>
    public static ItemWrite DeleteItem<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = table.Mapper.KeyOf(item);
        if (table.Version is { } version && !table.Rules.SkipVersionCheck)
        {
            condition = condition is null ? VersionCondition(version, version.Read(item)) : condition.And(VersionCondition(version, version.Read(item)));
        }

        var writer = new ExpressionWriter();
        return ItemWrite.Delete(table, key, writer, condition?.Render(writer, table));
    }

    /// <summary>An update of the item with this key; a versioned item's version is incremented.</summary>
    /// <exception cref="ArgumentException">A key value does not fit, or the update or its condition is wrong for the table.</exception>
    public static ItemWrite Update<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, ItemUpdate update)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(update);
        CheckUpdateType(table, update);
        var key = table.Mapper.Key(hashKey, rangeKey);
        var writer = new ExpressionWriter();
        var expression = update.Render(writer, table);
        return ItemWrite.Change(table, key, writer, expression, update.Condition?.Render(writer, table));
    }

    /// <summary>A condition check on the item with this key (a transaction part that writes nothing).</summary>
    /// <exception cref="ArgumentException">A key value does not fit, or the condition is wrong for the table.</exception>
    public static ItemWrite Check<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, DynamoCondition condition)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(condition);
        var key = table.Mapper.Key(hashKey, rangeKey);
        var writer = new ExpressionWriter();
        return ItemWrite.Check(table, key, writer, condition.Render(writer, table));
    }

    /// <summary>A GetItem request for this key, sent to the physical table <paramref name="tableName"/>.</summary>
    /// <exception cref="ArgumentException">A key value does not fit the table's keys.</exception>
    public static GetItemRequest Get<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, string tableName, object hashKey, object? rangeKey, bool consistentRead)
        where T : class, new() =>
        new() { TableName = tableName, Key = table.Mapper.Key(hashKey, rangeKey), ConsistentRead = consistentRead ? true : null };

    /// <summary>
    /// Refuses batch writes that BatchWriteItem cannot send as DynamoDBContext's save would: of a versioned class (the
    /// version condition), and, for puts, of a class with atomic counters or if-not-exists properties (an increment, or a
    /// write only when absent) — each unless the caller opted out.
    /// </summary>
    /// <exception cref="InvalidOperationException">The class has such a member and the caller did not opt out.</exception>
    public static void CheckBatchable(DynamoTable table, string operation, bool skipVersionCheck, bool writeAsPlainValues, bool puts)
    {
        if (table.Version is { } version && !skipVersionCheck && !table.Rules.SkipVersionCheck)
        {
            throw new InvalidOperationException(
                $"{operation} on table {table.Name}: {table.ItemType.Name} has a [DynamoDBVersion] property ({version.PropertyName}), and BatchWriteItem cannot carry the version condition, " +
                "so a stale item would overwrite a newer one without any error. Nothing was sent. Write versioned items with save or a transaction, " +
                "or pass skipVersionCheck: true to write them as they are, without optimistic locking.");
        }

        if (puts && table.Rules.HasUpdateOnlyMembers && !writeAsPlainValues)
        {
            var members = string.Join(", ", [.. table.Rules.Counters.Select(c => $"[DynamoDBAtomicCounter] {c.Property.Name}"), .. table.Rules.IfNotExists.Select(p => $"[DynamoDbUpdateBehavior(IfNotExists)] {p.Property.Name}")]);
            throw new InvalidOperationException(
                $"{operation} on table {table.Name}: {table.ItemType.Name} has {members}, and BatchWriteItem can only put whole items: it cannot add to a counter or keep a stored value, " +
                "so counts and kept values would be overwritten by whatever the objects hold. Nothing was sent. Write these items with save or a transaction, " +
                "or pass writeAsPlainValues: true to store the values the objects hold, as DynamoDBContext's batch write does.");
        }
    }

    /// <summary>The condition of optimistic locking: the stored version is still <paramref name="current"/> (none for a new item).</summary>
    internal static DynamoCondition VersionCondition(VersionProperty version, long? current) =>
        current is { } value ? DynamoCondition.AttributeEquals(version.AttributeName, value) : DynamoCondition.AttributeNotExists(version.AttributeName);

    private static void CheckUpdateType(DynamoTable table, ItemUpdate update)
    {
        var type = update.GetType();
        if (type.IsGenericType && !type.GetGenericArguments()[0].IsAssignableFrom(table.ItemType))
        {
            throw new ArgumentException($"An update of {type.GetGenericArguments()[0].Name} cannot apply to table {table.Name}, which maps {table.ItemType.Name}.", nameof(update));
        }
    }
}

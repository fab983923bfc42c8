using System;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Contracts;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>Single items: save, get, delete and update, with optimistic locking for <c>[DynamoDBVersion]</c> classes.</summary>
public static partial class Dynamo
{
    /// <summary>
    /// Writes the item (PutItem), replacing any item with the same key, optionally only when <paramref name="condition"/>
    /// holds. On a class with a <c>[DynamoDBVersion]</c> property this is DynamoDBContext's optimistic locking: a new
    /// item (version null) is written as version 0 only if none exists, otherwise the next version is written only if
    /// the stored version is still the item's; after a successful save the item carries the new version. A stale save
    /// fails with <c>ConditionalCheckFailedException</c> and changes nothing. A caller's condition is combined with AND.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="item"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> save<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition = null)
        where T : class, new() =>
        saveRequest(table, item, condition).ToEffect();

    /// <summary>The item with this key, if there is one.</summary>
    /// <param name="table">The table.</param>
    /// <param name="hashKey">The hash key value (converted to the key's type).</param>
    /// <param name="rangeKey">The range key value; required exactly when the table has a range key.</param>
    /// <param name="consistentRead">Strongly consistent read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Option<T>> get<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey = null, bool consistentRead = false)
        where T : class, new() =>
        getRequest(table, hashKey, rangeKey, consistentRead).ToEffect();

    /// <summary>
    /// Deletes the item with this key (no error when there is none), optionally only when <paramref name="condition"/>
    /// holds. Deleting by key checks no version; use <see cref="deleteItem{T}"/> for that.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> delete<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey = null, DynamoCondition? condition = null)
        where T : class, new() =>
        deleteRequest(table, hashKey, rangeKey, condition).ToEffect();

    /// <summary>
    /// Deletes the item with <paramref name="item"/>'s key. On a versioned class only while the stored version is still
    /// the item's (a stale delete fails with <c>ConditionalCheckFailedException</c> and deletes nothing), as
    /// DynamoDBContext does. A caller's condition is combined with AND.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="item"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> deleteItem<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition = null)
        where T : class, new() =>
        deleteItemRequest(table, item, condition).ToEffect();

    /// <summary>
    /// Applies <paramref name="update"/> to the item with this key (creating it when absent) and returns the item as it
    /// is afterwards. A versioned item's version is incremented (a new one starts at 0), so a save holding the version
    /// from before the update fails instead of undoing it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="update"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, T> update<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, ItemUpdate update)
        where T : class, new() =>
        updateRequest(table, hashKey, rangeKey, update).ToEffect();

    // The operations above as values (SingleRequest): the effects are these, and the facade runs them directly.
    internal static SingleRequest<ItemWrite, PutItemResponse, Unit> saveRequest<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        return single(table, () => ItemWrites.Put(table, item, condition), Operation, static (db, write, ct) => db.PutItemAsync(write.ToPutRequest(), ct), Saved);
    }

    internal static SingleRequest<GetItemRequest, GetItemResponse, Option<T>> getRequest<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, bool consistentRead)
        where T : class, new() =>
        single(
            table,
            () => ItemWrites.Get(table, hashKey, rangeKey, consistentRead),
            static _ => "GetItem",
            static (db, request, ct) => db.GetItemAsync(request, ct),
            (_, response) => response.Item is { Count: > 0 } found ? Some(table.Mapper.FromAttributes(found)) : Option<T>.None);

    internal static SingleRequest<ItemWrite, DeleteItemResponse, Unit> deleteRequest<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, DynamoCondition? condition)
        where T : class, new() =>
        single(table, () => ItemWrites.Delete(table, hashKey, rangeKey, condition), Operation, static (db, write, ct) => db.DeleteItemAsync(write.ToDeleteRequest(), ct), Done);

    internal static SingleRequest<ItemWrite, DeleteItemResponse, Unit> deleteItemRequest<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        return single(table, () => ItemWrites.DeleteItem(table, item, condition), Operation, static (db, write, ct) => db.DeleteItemAsync(write.ToDeleteRequest(), ct), Done);
    }

    internal static SingleRequest<ItemWrite, UpdateItemResponse, T> updateRequest<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, object hashKey, object? rangeKey, ItemUpdate update)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(update);
        return single(
            table,
            () => ItemWrites.Update(table, hashKey, rangeKey, update),
            Operation,
            static (db, write, ct) => db.UpdateItemAsync(write.ToUpdateRequest(), ct),
            (_, response) => table.Mapper.FromAttributes(response.Attributes));
    }

    /// <summary>The operation a write is (<c>PutItem</c>, <c>DeleteItem</c>, <c>UpdateItem</c>).</summary>
    private static string Operation(ItemWrite write) => write.Operation;

    /// <summary>
    /// After an accepted put: the new version is set on the item now (after the answer, so a failed or cancelled save
    /// leaves the item's version as it was).
    /// </summary>
    private static Unit Saved(ItemWrite write, PutItemResponse answer)
    {
        write.Succeeded();
        return unit;
    }
}

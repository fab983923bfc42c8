using System;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Contracts;
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
    public static Aff<SessionEnv, Unit> save<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(Table<T> table, T item, DynamoCondition? condition = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        return withSession(table, async (session, ct) =>
        {
            var write = ItemWrites.Put(table, item, condition);
            await SessionCall.Run(session, write.Operation, table, (db, token) => db.PutItemAsync(write.ToPutRequest(), token), ct).ConfigureAwait(false);
            write.Succeeded();
            return unit;
        });
    }

    /// <summary>The item with this key, if there is one.</summary>
    /// <param name="table">The table.</param>
    /// <param name="hashKey">The hash key value (converted to the key's type).</param>
    /// <param name="rangeKey">The range key value; required exactly when the table has a range key.</param>
    /// <param name="consistentRead">Strongly consistent read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Option<T>> get<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(Table<T> table, object hashKey, object? rangeKey = null, bool consistentRead = false)
        where T : class, new() =>
        withSession(table, async (session, ct) =>
        {
            var request = ItemWrites.Get(table, hashKey, rangeKey, consistentRead);
            var response = await SessionCall.Run(session, "GetItem", table, (db, token) => db.GetItemAsync(request, token), ct).ConfigureAwait(false);
            return response.Item is { Count: > 0 } found ? Some(table.Mapper.FromAttributes(found)) : None;
        });

    /// <summary>
    /// Deletes the item with this key (no error when there is none), optionally only when <paramref name="condition"/>
    /// holds. Deleting by key checks no version; use <see cref="deleteItem{T}"/> for that.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> delete<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(Table<T> table, object hashKey, object? rangeKey = null, DynamoCondition? condition = null)
        where T : class, new() =>
        withSession(table, async (session, ct) =>
        {
            var write = ItemWrites.Delete(table, hashKey, rangeKey, condition);
            await SessionCall.Run(session, write.Operation, table, (db, token) => db.DeleteItemAsync(write.ToDeleteRequest(), token), ct).ConfigureAwait(false);
            return unit;
        });

    /// <summary>
    /// Deletes the item with <paramref name="item"/>'s key. On a versioned class only while the stored version is still
    /// the item's (a stale delete fails with <c>ConditionalCheckFailedException</c> and deletes nothing), as
    /// DynamoDBContext does. A caller's condition is combined with AND.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="item"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> deleteItem<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(Table<T> table, T item, DynamoCondition? condition = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        return withSession(table, async (session, ct) =>
        {
            var write = ItemWrites.DeleteItem(table, item, condition);
            await SessionCall.Run(session, write.Operation, table, (db, token) => db.DeleteItemAsync(write.ToDeleteRequest(), token), ct).ConfigureAwait(false);
            return unit;
        });
    }

    /// <summary>
    /// Applies <paramref name="update"/> to the item with this key (creating it when absent) and returns the item as it
    /// is afterwards. A versioned item's version is incremented (a new one starts at 0), so a save holding the version
    /// from before the update fails instead of undoing it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="update"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, T> update<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(Table<T> table, object hashKey, object? rangeKey, ItemUpdate update)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(update);
        return withSession(table, async (session, ct) =>
        {
            var write = ItemWrites.Update(table, hashKey, rangeKey, update);
            var response = await SessionCall.Run(session, write.Operation, table, (db, token) => db.UpdateItemAsync(write.ToUpdateRequest(), token), ct).ConfigureAwait(false);
            return table.Mapper.FromAttributes(response.Attributes);
        });
    }
}

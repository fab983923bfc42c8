using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;

namespace SessionEffects.CSharp;

/// <summary>Single items, mirroring the core's <c>Dynamo.Items.cs</c>.</summary>
public static partial class TableOperations
{
    /// <summary>
    /// Writes the item, replacing any with the same key; only when <paramref name="condition"/> holds, if given. On a
    /// class with a <c>[DynamoDBVersion]</c> property the save is optimistic-locked as DynamoDBContext does it, and the
    /// item carries its new version afterwards.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="item"/> is null.</exception>
    /// <exception cref="ConditionalCheckFailedException">The condition did not hold, or the item's version is stale; nothing was written.</exception>
    public static Task SaveAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, T item, DynamoCondition? condition = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        return Sessions.RunRequestAsync(Dynamo.saveRequest(Check(table), item, condition), Sessions.Result<Unit>.AsIs, cancellationToken);
    }

    /// <summary>The item with this key, or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    /// <exception cref="ArgumentException">A key value does not fit the key's type, or the range key is missing or superfluous.</exception>
    public static Task<T?> GetAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, object hashKey, object? rangeKey = null, bool consistentRead = false, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        return Sessions.RunRequestAsync(Dynamo.getRequest(Check(table), hashKey, rangeKey, consistentRead), static found => found.MatchUnsafe(static item => item, static () => (T?)null), cancellationToken);
    }

    /// <summary>Deletes the item with this key (no error when there is none); only when <paramref name="condition"/> holds, if given.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="hashKey"/> is null.</exception>
    public static Task DeleteAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, object hashKey, object? rangeKey = null, DynamoCondition? condition = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        return Sessions.RunRequestAsync(Dynamo.deleteRequest(Check(table), hashKey, rangeKey, condition), Sessions.Result<Unit>.AsIs, cancellationToken);
    }

    /// <summary>
    /// Deletes the item with <paramref name="item"/>'s key; on a versioned class only while the stored version is still
    /// the item's. Only when <paramref name="condition"/> holds too, if given.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="item"/> is null.</exception>
    /// <exception cref="ConditionalCheckFailedException">The condition did not hold, or the item's version is stale; nothing was deleted.</exception>
    public static Task DeleteItemAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, T item, DynamoCondition? condition = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        return Sessions.RunRequestAsync(Dynamo.deleteItemRequest(Check(table), item, condition), Sessions.Result<Unit>.AsIs, cancellationToken);
    }

    /// <summary>Applies <paramref name="update"/> to the item with this key and returns the item as it is afterwards.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/>, <paramref name="hashKey"/> or <paramref name="update"/> is null.</exception>
    public static Task<T> UpdateAsync<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(this DynamoTable<T> table, object hashKey, object? rangeKey, ItemUpdate update, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        ArgumentNullException.ThrowIfNull(update);
        return Sessions.RunRequestAsync(Dynamo.updateRequest(Check(table), hashKey, rangeKey, update), Sessions.Result<T>.AsIs, cancellationToken);
    }
}

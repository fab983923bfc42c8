namespace SessionEffects;

/// <summary>
/// The primary key of one item, as values: the hash key, and the range key when the table has one. Values are
/// converted to the key's type when a request is built (an <c>int</c> for a <c>long</c> key); a value that does not
/// convert fails before anything is sent.
/// </summary>
/// <param name="HashKey">The hash (partition) key value.</param>
/// <param name="RangeKey">The range (sort) key value; required exactly when the table has a range key.</param>
public sealed record ItemKey(object HashKey, object? RangeKey)
{
    /// <summary>The key of an item in a table with a hash key only.</summary>
    public static ItemKey Of(object hashKey) => new(hashKey, null);

    /// <summary>The key of an item in a table with a hash and a range key.</summary>
    public static ItemKey Of(object hashKey, object rangeKey) => new(hashKey, rangeKey);
}

namespace SessionEffects;

/// <summary>
/// An entry of a <see cref="RecencyList{TKey, TEntry}"/>: its key and its links to the entries used just before and
/// just after it. Only the list reads or writes the links.
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TSelf">The entry type itself.</typeparam>
internal abstract class RecencyNode<TKey, TSelf>
    where TSelf : RecencyNode<TKey, TSelf>
{
    protected RecencyNode(TKey key) => Key = key;

    public TKey Key { get; }

    /// <summary>The next more recently used entry (toward the newest end).</summary>
    internal TSelf? Newer { get; set; }

    /// <summary>The next less recently used entry (toward the eviction end).</summary>
    internal TSelf? Older { get; set; }

    /// <summary>Whether the entry is in a list.</summary>
    internal bool Linked { get; set; }
}

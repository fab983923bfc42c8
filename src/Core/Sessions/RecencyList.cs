using System;
using System.Collections.Generic;

namespace SessionEffects;

/// <summary>
/// A bounded cache's bookkeeping, apart from what it caches: the entries by key, in the order they were last used (an
/// intrusive doubly linked list, so a touch allocates nothing), and the choice of which entry to evict to get back
/// within <see cref="Capacity"/> — the least recently used idle one, else the least recently used one that is in use,
/// and never one still being made. Not thread-safe: its owner (a <see cref="SessionPool{TKey}"/>) holds a lock.
/// </summary>
/// <remarks>
/// Why a hand-written list rather than <c>Microsoft.Extensions.Caching.Memory</c>: that cache has no strict count bound
/// (sizes are advisory, compaction runs later), no single-flight creation and no notion of "in use", and a pool of
/// disposable sessions needs all three. Kept free of sessions and STS so that its rules can be tested on their own.
/// </remarks>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TEntry">The entries, which carry their own links.</typeparam>
internal sealed class RecencyList<TKey, TEntry>
    where TKey : notnull
    where TEntry : RecencyNode<TKey, TEntry>
{
    private readonly Dictionary<TKey, TEntry> entries;
    private TEntry? newest;
    private TEntry? oldest;

    public RecencyList(int capacity, IEqualityComparer<TKey>? comparer)
    {
        Capacity = capacity;

        // Presized up to a point: a pool of a million tenants should not reserve them all up front.
        entries = new Dictionary<TKey, TEntry>(Math.Min(capacity, 4096), comparer);
    }

    /// <summary>How many entries the list keeps at most, while any of them can be evicted.</summary>
    public int Capacity { get; }

    /// <summary>How many entries the list holds now.</summary>
    public int Count => entries.Count;

    /// <summary>Every entry, in no particular order.</summary>
    public IEnumerable<TEntry> Entries => entries.Values;

    /// <summary>The entry of <paramref name="key"/>, if the list holds one.</summary>
    public bool TryGet(TKey key, out TEntry entry) => entries.TryGetValue(key, out entry!);

    /// <summary>Adds <paramref name="entry"/> as the most recently used; its key must be new to the list.</summary>
    public void Add(TEntry entry)
    {
        entries.Add(entry.Key, entry);
        Touch(entry);
    }

    /// <summary>Makes <paramref name="entry"/> the most recently used.</summary>
    public void Touch(TEntry entry)
    {
        if (ReferenceEquals(newest, entry))
        {
            return;
        }

        Unlink(entry);
        entry.Older = newest;
        if (newest is not null)
        {
            newest.Newer = entry;
        }

        newest = entry;
        oldest ??= entry;
        entry.Linked = true;
    }

    /// <summary>Removes <paramref name="entry"/>, if it is the one the list holds for its key.</summary>
    /// <returns>Whether it was removed.</returns>
    public bool Remove(TEntry entry)
    {
        if (!entries.TryGetValue(entry.Key, out var current) || !ReferenceEquals(current, entry))
        {
            return false;
        }

        entries.Remove(entry.Key);
        Unlink(entry);
        return true;
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        entries.Clear();
        for (var e = oldest; e is not null;)
        {
            var next = e.Newer;
            e.Newer = e.Older = null;
            e.Linked = false;
            e = next;
        }

        newest = oldest = null;
    }

    /// <summary>The entries from the least to the most recently used.</summary>
    public IEnumerable<TEntry> OldestFirst()
    {
        for (var e = oldest; e is not null; e = e.Newer)
        {
            yield return e;
        }
    }

    /// <summary>
    /// While the list holds more than <see cref="Capacity"/> entries, removes the one to evict and returns it: the least
    /// recently used <see cref="EntryUse.Idle"/> entry, else the least recently used <see cref="EntryUse.InUse"/> one.
    /// Entries <see cref="EntryUse.BeingMade"/> are never chosen, so when only they are left the list stays over its
    /// capacity until one is made (rather than orphan the work that makes it).
    /// </summary>
    /// <param name="state">Passed to <paramref name="use"/> (the owner and the time, say), so the call allocates nothing.</param>
    /// <param name="use">How an entry is used right now.</param>
    /// <param name="victim">The removed entry.</param>
    /// <returns>Whether an entry was removed.</returns>
    public bool TryEvict<TState>(TState state, Func<TEntry, TState, EntryUse> use, out TEntry victim)
    {
        victim = null!;
        if (entries.Count <= Capacity)
        {
            return false;
        }

        TEntry? oldestInUse = null;
        for (var e = oldest; e is not null; e = e.Newer)
        {
            var how = use(e, state);
            if (how == EntryUse.Idle)
            {
                victim = e;
                break;
            }

            if (how == EntryUse.InUse)
            {
                oldestInUse ??= e;
            }
        }

        victim ??= oldestInUse!;
        if (victim is null)
        {
            return false;
        }

        Remove(victim);
        return true;
    }

    private void Unlink(TEntry entry)
    {
        if (!entry.Linked)
        {
            return;
        }

        if (entry.Newer is null)
        {
            newest = entry.Older;
        }
        else
        {
            entry.Newer.Older = entry.Older;
        }

        if (entry.Older is null)
        {
            oldest = entry.Newer;
        }
        else
        {
            entry.Older.Newer = entry.Newer;
        }

        entry.Newer = entry.Older = null;
        entry.Linked = false;
    }
}

namespace SessionEffects;

/// <summary>How an entry of a <see cref="RecencyList{TKey, TEntry}"/> is used right now: what decides whether it may be evicted.</summary>
internal enum EntryUse
{
    /// <summary>Nothing uses it: the first choice to evict.</summary>
    Idle,

    /// <summary>Something uses it (a session leased, or handed out within its grace period): evicted only when no idle entry is left.</summary>
    InUse,

    /// <summary>It is still being made: never evicted.</summary>
    BeingMade,
}

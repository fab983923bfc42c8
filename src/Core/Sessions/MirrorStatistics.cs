namespace SessionEffects;

/// <summary>What a mirror has done since it was made (the same counts are exported as <c>sessioneffects.mirror.*</c> metrics).</summary>
/// <param name="MirroredWrites">Item states (puts and deletes) written to the secondary after the primary accepted them.</param>
/// <param name="FailedWrites">Item states the secondary did not take (each key recorded for repair).</param>
/// <param name="DirtyKeys">Keys owed to the secondary now.</param>
/// <param name="Overflowed">Whether keys were dropped because the set of owed keys was full (a full reconcile finds them).</param>
/// <param name="Swapped">Whether the mirror runs in the swapped direction (after a cutover).</param>
public sealed record MirrorStatistics(long MirroredWrites, long FailedWrites, long DirtyKeys, bool Overflowed, bool Swapped);

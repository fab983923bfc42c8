namespace SessionEffects;

/// <summary>What a backfill did (in this run; a resumed backfill's earlier runs are in <see cref="Checkpoint"/>).</summary>
/// <param name="Scanned">Items read from the primary.</param>
/// <param name="Written">Items the secondary did not have, written to it.</param>
/// <param name="AlreadyThere">Items the secondary had already (a mirrored write got there first, and it is newer): left alone.</param>
/// <param name="Tombstones">Keys deleted while the backfill ran, repaired from the primary afterwards (a put of the backfill may have put one back).</param>
public sealed record BackfillResult(long Scanned, long Written, long AlreadyThere, long Tombstones)
{
    /// <summary>The last checkpoint: every segment done; its counts cover every run of the backfill.</summary>
    public CopyCheckpoint? Checkpoint { get; init; }
}

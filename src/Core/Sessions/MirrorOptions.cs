namespace SessionEffects;

/// <summary>How a mirrored session (<see cref="AwsSession.Mirrored"/>) treats its secondary.</summary>
public sealed record MirrorOptions
{
    /// <summary>
    /// Fail the caller's write when its secondary write fails (the primary keeps the write; the key is recorded for
    /// repair all the same). Off by default: the write succeeds and the key is recorded.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Where the keys owed to the secondary are kept across restarts (one JSON line per change; read back when the
    /// mirror is made). In memory only when absent.
    /// </summary>
    public string? DirtyKeysFile { get; init; }

    /// <summary>How many keys are kept for repair at most (100,000 by default); past it, only the overflow is recorded and a reconcile compares everything.</summary>
    public int MaxDirtyKeys { get; init; } = 100_000;
}

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

    /// <summary>
    /// A DynamoDB table that keeps the keys owed to the secondary (one item per key), so they outlive the process and
    /// every instance sharing the table — and a reconcile run anywhere — sees what all of them owe. Written behind the
    /// mirrored writes (never delaying them), read by every reconcile pass; created (on-demand billing, hash key
    /// <c>key</c>) on first use when missing. In the account of <see cref="DirtyKeysSession"/>, the primary's by default
    /// (reachable when the secondary is not). May go with <see cref="DirtyKeysFile"/>.
    /// </summary>
    public string? DirtyKeysTable { get; init; }

    /// <summary>The session whose account holds <see cref="DirtyKeysTable"/>; the primary given to the mirror when absent.</summary>
    public AwsSession? DirtyKeysSession { get; init; }

    /// <summary>How many keys are kept for repair at most (100,000 by default); past it, only the overflow is recorded and a reconcile compares everything.</summary>
    public int MaxDirtyKeys { get; init; } = 100_000;
}

namespace SessionEffects;

/// <summary>What a reconcile did, and what its last pass found.</summary>
/// <param name="Passes">Passes run (each compares the whole table, then repairs what differs and the keys owed).</param>
/// <param name="Repaired">Keys re-read from the primary and written to (or deleted from) the secondary, over all passes.</param>
/// <param name="LastPass">What the last comparison found: identical when the reconcile converged.</param>
public sealed record ReconcileResult(int Passes, long Repaired, VerifyResult LastPass)
{
    /// <summary>Whether the last pass found no difference and no key was owed.</summary>
    public bool Converged => LastPass.IsIdentical;
}

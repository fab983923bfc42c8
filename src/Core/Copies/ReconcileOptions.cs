using System;

namespace SessionEffects;

/// <summary>How a mirrored table is reconciled (compared with the primary and repaired, pass after pass).</summary>
public sealed record ReconcileOptions
{
    /// <summary>Scan segments read in parallel on each side; 4 by default.</summary>
    public int Segments { get; init; } = 4;

    /// <summary>Passes at most before giving up with the differences left (10 by default); every pass compares the whole table.</summary>
    public int MaxPasses { get; init; } = 10;

    /// <summary>Hears after every pass's comparison: the passes so far, the keys repaired so far and what this pass found.</summary>
    public IProgress<ReconcileResult>? Progress { get; init; }
}

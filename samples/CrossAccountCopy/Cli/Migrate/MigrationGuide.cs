namespace SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;

/// <summary>What to run next in each phase, and the rule every instance of the application must follow, in the tool's words.</summary>
internal static class MigrationGuide
{
    /// <summary>The rule <c>plan</c> and <c>status</c> print (README's "Moving a live table" section says the same).</summary>
    public const string InstanceRule =
        "Every instance of the application that writes the table must bind it to AwsSession.Mirrored(source, target) before 'migrate start' begins, " +
        "and keep it bound until 'migrate finish'. Check it on each instance's metrics: sessioneffects.mirror.writes grows with the instance's writes " +
        "(an instance whose counter stays at 0 while it writes is not mirroring). A write made by an instance that is not mirroring reaches only the source: " +
        "the reconcile repairs it, but it shows as differences pass after pass.";

    public static string Next(MigrationState state) => state.Phase switch
    {
        MigrationPhase.Planned => "next: 'migrate start' (the backfill), once every instance mirrors the table.",
        MigrationPhase.Backfilling => "the backfill was stopped before its end: run 'migrate start' again to resume it from its checkpoint.",
        MigrationPhase.Backfilled => "next: 'migrate reconcile'.",
        MigrationPhase.Reconciling => "the last reconcile has not found 0 differences: run 'migrate reconcile' again.",
        MigrationPhase.Reconciled => "next: 'migrate cutover' (the target becomes the primary).",
        MigrationPhase.CutOver when state.Reconcile is { Swapped: true, Converged: true } => "next: 'migrate finish' (or 'migrate rollback').",
        MigrationPhase.CutOver => "swap every instance (Dynamo.cutover / SessionMirror.SwapAsync), then 'migrate reconcile' and 'migrate finish' (or 'migrate rollback').",
        MigrationPhase.RolledBack => "swap every instance back, then 'migrate reconcile' before another cutover.",
        _ => "done: stop mirroring on every instance (SessionMirror.StopAsync) and bind the table to the target alone.",
    };
}

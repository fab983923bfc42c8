using System;
using System.CommandLine;
using System.IO;

namespace SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;

/// <summary>
/// <c>migrate plan|start|status|reconcile|cutover|rollback|finish</c>: moves a table the application keeps writing
/// through mirrored sessions, from a state file that records each phase's progress (so every step can be stopped,
/// killed and run again).
/// </summary>
internal static class MigrateCommand
{
    private static readonly MigrationPhase[] Reconcilable = [MigrationPhase.Backfilled, MigrationPhase.Reconciling, MigrationPhase.Reconciled, MigrationPhase.CutOver, MigrationPhase.RolledBack];

    public static Command Create(TextWriter output, TextWriter errors, Func<string, string?> environment)
    {
        var migrate = new Command("migrate", """
            Move a table the application keeps writing to another account: plan, start (backfill), reconcile, cutover,
            rollback, finish; status shows where it stands. Every step is recorded in --state FILE and can be run again
            after a failure or a kill. The application's instances mirror their writes themselves (AwsSession.Mirrored).
            """);

        var plan = new Command("plan", "Check both tables (same keys) and write a new state file.");
        var planArgs = MigrateArguments.AddTo(plan, environment, sides: true, allowed: [], why: MigrationGuide.Next);
        var segments = Checks.WholeNumber("--segments", "Scan segments of the backfill and the reconcile, read in parallel", 4, 1, Checks.MaxSegments, "segments");
        plan.Options.Add(segments);
        plan.SetAction((parse, ct) => MigrateRuns.Plan(parse, planArgs, parse.GetValue(segments), output, ct));

        var start = new Command("start", "Backfill: copy the source into the target by conditional puts (never over a mirrored write), resumable.");
        var startArgs = MigrateArguments.AddTo(start, environment, sides: true, allowed: [MigrationPhase.Planned, MigrationPhase.Backfilling, MigrationPhase.Backfilled], why: MigrationGuide.Next);
        var pageSize = Checks.WholeNumber("--page-size", "Items read per request and segment (a checkpoint follows every page)", 100, 1, int.MaxValue, "items");
        var rate = Checks.Rate();
        start.Options.Add(pageSize);
        start.Options.Add(rate);
        start.SetAction((parse, ct) => MigrateRuns.Start(parse, startArgs, parse.GetValue(pageSize), parse.GetValue(rate)!, output, ct));

        var reconcile = new Command("reconcile", "Compare both sides and repair every difference from the primary, pass after pass until one finds 0 (exit 3 when it gives up).");
        var reconcileArgs = MigrateArguments.AddTo(reconcile, environment, sides: true, allowed: Reconcilable, why: s => "the backfill is not done; " + MigrationGuide.Next(s));
        var passes = Checks.WholeNumber("--max-passes", "Passes at most (each compares the whole table)", 10, 1, 1_000, "passes");
        var dirty = Checks.Name("--dirty-keys-table", "The table (in the source account) where the application's mirrors record the keys they owe (MirrorOptions.DirtyKeysTable): read and repaired by every pass", "NAME");
        reconcile.Options.Add(passes);
        reconcile.Options.Add(dirty);
        reconcile.SetAction((parse, ct) => MigrateRuns.Reconcile(parse, reconcileArgs, parse.GetValue(passes), parse.GetValue(dirty), output, errors, ct));

        var cutover = new Command("cutover", "After a reconcile that found 0 differences and a last comparison: record that the target is the primary.");
        var cutoverArgs = MigrateArguments.AddTo(cutover, environment, sides: true, allowed: [MigrationPhase.Reconciled], why: s => "a cutover needs a reconcile that found 0 differences; " + MigrationGuide.Next(s));
        cutover.SetAction((parse, ct) => MigrateSwitches.Cutover(parse, cutoverArgs, output, errors, ct));

        var rollback = new Command("rollback", "After a cutover: record that the source is the primary again.");
        var rollbackArgs = MigrateArguments.AddTo(rollback, environment, sides: false, allowed: [MigrationPhase.CutOver], why: s => "only a cutover can be rolled back; " + MigrationGuide.Next(s));
        rollback.SetAction(parse => MigrateSwitches.Rollback(parse, rollbackArgs, output));

        var finish = new Command("finish", "After the cutover's reconcile: a last comparison, then the migration is done (exit 3 when the sides differ).");
        var finishArgs = MigrateArguments.AddTo(finish, environment, sides: true, allowed: [MigrationPhase.CutOver], why: s => "a migration finishes after its cutover; " + MigrationGuide.Next(s));
        finish.SetAction((parse, ct) => MigrateSwitches.Finish(parse, finishArgs, output, errors, ct));

        var status = new Command("status", "Show the migration's phase, progress, last reconcile, the next step and the rule for the application's instances.");
        var statusArgs = MigrateArguments.AddTo(status, environment, sides: false, allowed: Enum.GetValues<MigrationPhase>(), why: MigrationGuide.Next);
        status.SetAction(parse => MigrateSwitches.Status(parse, statusArgs, output));

        foreach (var command in new[] { plan, start, status, reconcile, cutover, rollback, finish })
        {
            migrate.Subcommands.Add(command);
        }

        return migrate;
    }
}

using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;

/// <summary>
/// The phases that change which side is the truth — <c>cutover</c>, <c>rollback</c>, <c>finish</c> — and
/// <c>status</c>. The tool records the decision and checks it (a comparison of both sides before a cutover and before
/// the end); the swap itself happens in each instance of the application (<c>Dynamo.cutover</c>), which owns its mirror.
/// </summary>
internal static class MigrateSwitches
{
    public static async Task<int> Cutover(ParseResult parse, MigrateArguments args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var file = args.File(parse);
        var state = args.Read(parse);
        var (source, target) = args.Build(parse, state);
        using (source)
        using (target)
        {
            // Writes since the reconcile are mirrored; a difference now means something reached one side only.
            var check = await Copies.VerifyCopyAsync(state.Table, source, target, new VerifyOptions { Segments = state.Segments }, ct).ConfigureAwait(false);
            if (!check.IsIdentical)
            {
                errors.WriteLine($"Not cut over: table {state.Table} differs again ({check}); run 'migrate reconcile' first.");
                return ExitCodes.Differences;
            }

            var next = (state with { Phase = MigrationPhase.CutOver, Swapped = true }).Logged(DateTimeOffset.UtcNow, $"cut over after a comparison: {check}");
            file.Write(next);
            output.WriteLine($"Cut over table {state.Table}: {check}. The target ({target}) is the primary now; the source is mirrored to for the grace period.");
            output.WriteLine(MigrationGuide.Next(next));
            return ExitCodes.Success;
        }
    }

    public static int Rollback(ParseResult parse, MigrateArguments args, TextWriter output)
    {
        var file = args.File(parse);
        var state = args.Read(parse);
        var next = (state with { Phase = MigrationPhase.RolledBack, Swapped = false }).Logged(DateTimeOffset.UtcNow, "rolled back: the source is the primary again");
        file.Write(next);
        output.WriteLine($"Rolled back table {state.Table}: the source ({state.Source}) is the primary again.");
        output.WriteLine(MigrationGuide.Next(next));
        return ExitCodes.Success;
    }

    public static async Task<int> Finish(ParseResult parse, MigrateArguments args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var file = args.File(parse);
        var state = args.Read(parse);
        if (state.Reconcile is not { Swapped: true, Converged: true })
        {
            errors.WriteLine($"Not finished: table {state.Table} has not been reconciled since the cutover; run 'migrate reconcile' after every instance swapped.");
            return ExitCodes.Differences;
        }

        var (source, target) = args.Build(parse, state);
        using (source)
        using (target)
        {
            var check = await Copies.VerifyCopyAsync(state.Table, target, source, new VerifyOptions { Segments = state.Segments }, ct).ConfigureAwait(false);
            if (!check.IsIdentical)
            {
                errors.WriteLine($"Not finished: table {state.Table} differs ({check}); run 'migrate reconcile' again.");
                return ExitCodes.Differences;
            }

            var next = (state with { Phase = MigrationPhase.Finished }).Logged(DateTimeOffset.UtcNow, $"finished after a comparison: {check}");
            file.Write(next);
            output.WriteLine($"Finished the migration of table {state.Table}: {check}.");
            output.WriteLine(MigrationGuide.Next(next));
            return ExitCodes.Success;
        }
    }

    public static int Status(ParseResult parse, MigrateArguments args, TextWriter output)
    {
        var file = args.File(parse);
        var state = args.Read(parse);
        var line = (FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
        line($"Migration of table {state.Table}: {state.Source} -> {state.Target} ({file.Path})");
        line($"phase: {state.Phase}; primary: {(state.Swapped ? "target" : "source")}");
        if (state.BackfillCheckpoint is { } json)
        {
            var checkpoint = CopyCheckpoint.FromJson(json);
            var done = 0;
            foreach (var position in checkpoint.Positions)
            {
                done += position.Done ? 1 : 0;
            }

            line($"backfill: {done}/{checkpoint.Segments} segment(s) done, {checkpoint.ItemsRead} item(s) scanned, {checkpoint.ItemsWritten} written, {state.BackfillRuns} run(s)");
        }
        else
        {
            output.WriteLine("backfill: not started");
        }

        if (state.Reconcile is { } r)
        {
            line($"reconcile: {r.Runs} run(s), {r.Passes} pass(es), {r.Repaired} repaired; last pass {r.Missing} missing, {r.Extra} extra, {r.Different} different{(r.Converged ? " (converged)" : string.Empty)}{(r.Swapped ? ", target as primary" : string.Empty)}");
        }
        else
        {
            output.WriteLine("reconcile: not run");
        }
        output.WriteLine(MigrationGuide.Next(state));
        output.WriteLine("rule: " + MigrationGuide.InstanceRule);
        foreach (var step in state.Log)
        {
            line($"  {step}");
        }

        return ExitCodes.Success;
    }
}

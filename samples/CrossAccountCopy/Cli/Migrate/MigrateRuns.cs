using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;

namespace SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;

/// <summary>The phases that move data: <c>plan</c>, <c>start</c> (the backfill) and <c>reconcile</c>.</summary>
internal static class MigrateRuns
{
    public static async Task<int> Plan(ParseResult parse, MigrateArguments args, int segments, TextWriter output, CancellationToken ct)
    {
        var name = parse.GetValue(args.Table!)!;
        var (source, target) = args.Build(parse, state: null);
        using (source)
        using (target)
        {
            // Both tables must exist with the same keys: the backfill writes items as stored, the reconcile compares by key.
            var from = await Copies.DescribeTableAsync(name, source, ct).ConfigureAwait(false);
            var into = await Copies.DescribeTableAsync(name, target, ct).ConfigureAwait(false);
            string Keys(Amazon.DynamoDBv2.Model.TableDescription d) =>
                string.Join(", ", d.KeySchema.Select(k => $"{k.KeyType} {k.AttributeName} {d.AttributeDefinitions.First(a => a.AttributeName == k.AttributeName).AttributeType}"));
            if (Keys(from) != Keys(into))
            {
                throw new UsageException($"--table: {name} has the keys {Keys(from)} in the source and {Keys(into)} in the target; a migration needs the same keys on both sides.");
            }

            var state = new MigrationState { Table = name, Source = source.ToString(), Target = target.ToString(), Segments = segments, Phase = MigrationPhase.Planned }
                .Logged(DateTimeOffset.UtcNow, $"planned: ~{from.ItemCount ?? 0} item(s) in the source, ~{into.ItemCount ?? 0} in the target, {segments} segment(s)");
            var file = args.File(parse);
            file.Write(state);
            output.WriteLine($"Planned the migration of table {name} ({Keys(from)}): {source} -> {target}, {segments} segment(s); state in {file.Path}.");
            output.WriteLine(MigrationGuide.InstanceRule);
            output.WriteLine(MigrationGuide.Next(state));
            return ExitCodes.Success;
        }
    }

    public static async Task<int> Start(ParseResult parse, MigrateArguments args, int pageSize, RateLimit rate, TextWriter output, CancellationToken ct)
    {
        var file = args.File(parse);
        var state = args.Read(parse);
        if (state.Phase == MigrationPhase.Backfilled)
        {
            output.WriteLine($"The backfill of table {state.Table} is done already; {MigrationGuide.Next(state)}");
            return ExitCodes.Success;
        }

        var resume = state.BackfillCheckpoint is { } json ? Checkpoint(file, json) : null;
        var (source, target) = args.Build(parse, state);
        using (source)
        using (target)
        using (var mirrored = AwsSession.Mirrored(source, target))
        {
            var estimate = (await Copies.DescribeTableAsync(state.Table, source, ct).ConfigureAwait(false)).ItemCount ?? 0;
            state = state with { Phase = MigrationPhase.Backfilling, BackfillRuns = state.BackfillRuns + 1 };
            state = state.Logged(DateTimeOffset.UtcNow, resume is null ? "backfill started" : $"backfill resumed ({resume})");
            file.Write(state);
            output.WriteLine(resume is null
                ? $"Backfilling table {state.Table}: {source} -> {target}, {state.Segments} segment(s), {rate}."
                : $"Resuming the backfill of table {state.Table} from {file.Path} ({resume}).");

            // Each checkpoint (one at a time: the library calls it under a lock) is recorded before the next page is read.
            var current = state;
            var result = await ProgressDisplay.Run($"backfill {state.Table}", estimate, output, progress => Copies.BackfillAsync(state.Table, mirrored, new BackfillOptions
            {
                Segments = state.Segments,
                PageSize = pageSize,
                ItemsPerSecond = rate.ItemsPerSecond,
                ResumeFrom = resume,
                Progress = progress,
                OnCheckpoint = checkpoint =>
                {
                    current = current with { BackfillCheckpoint = checkpoint.ToJson() };
                    file.Write(current);
                },
            }, ct)).ConfigureAwait(false);

            var total = result.Checkpoint?.ItemsWritten ?? result.Written;
            current = current with { Phase = MigrationPhase.Backfilled, BackfillCheckpoint = result.Checkpoint?.ToJson() ?? current.BackfillCheckpoint };
            current = current.Logged(DateTimeOffset.UtcNow, Invariant($"backfill done: {result.Scanned} scanned, {result.Written} written, {result.AlreadyThere} already there, {result.Tombstones} deleted meanwhile repaired (this run); {total} written over {current.BackfillRuns} run(s)"));
            file.Write(current);
            output.WriteLine(Invariant($"Backfilled table {state.Table}: {result.Scanned} item(s) scanned, {result.Written} written, {result.AlreadyThere} already there, {result.Tombstones} deleted meanwhile repaired; {total} written over {current.BackfillRuns} run(s)."));
            output.WriteLine(MigrationGuide.Next(current));
            return ExitCodes.Success;
        }
    }

    public static async Task<int> Reconcile(ParseResult parse, MigrateArguments args, int maxPasses, string? dirtyKeysTable, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var file = args.File(parse);
        var state = args.Read(parse);
        var (source, target) = args.Build(parse, state);

        // The instances' dirty-key table is in the source account whichever side is the primary now.
        var mirror = new MirrorOptions { DirtyKeysTable = dirtyKeysTable, DirtyKeysSession = source };
        using (source)
        using (target)
        using (var mirrored = state.Swapped ? AwsSession.Mirrored(target, source, mirror) : AwsSession.Mirrored(source, target, mirror))
        {
            var before = state.Reconcile is { } r && r.Swapped == state.Swapped ? r : new ReconcileRecord(0, 0, 0, 0, 0, 0, false, state.Swapped);
            var running = before with { Runs = before.Runs + 1, Converged = false };
            var current = state with { Phase = state.Phase == MigrationPhase.CutOver ? MigrationPhase.CutOver : MigrationPhase.Reconciling, Reconcile = running };
            current = current.Logged(DateTimeOffset.UtcNow, $"reconcile run {running.Runs} started ({(state.Swapped ? "target" : "source")} is the primary)");
            file.Write(current);
            output.WriteLine($"Reconciling table {state.Table}: {mirrored.Mirror!.Primary} is the truth, {mirrored.Mirror.Secondary} is repaired.");

            // Recorded after every pass: a reconcile stopped mid-way leaves what its last pass found.
            var passes = new Progress(pass =>
            {
                var record = running with
                {
                    Passes = before.Passes + pass.Passes,
                    Repaired = before.Repaired + pass.Repaired,
                    Missing = pass.LastPass.MissingCount,
                    Extra = pass.LastPass.ExtraCount,
                    Different = pass.LastPass.DifferentCount,
                    Converged = pass.Converged,
                };
                current = current with { Reconcile = record };
                file.Write(current);
                output.WriteLine(Invariant($"reconcile pass {pass.Passes}: {pass.LastPass}; {pass.Repaired} key(s) repaired so far in this run"));
            });
            var result = await Copies.ReconcileAsync(state.Table, mirrored, new ReconcileOptions { Segments = state.Segments, MaxPasses = maxPasses, Progress = passes }, ct).ConfigureAwait(false);
            var done = current.Reconcile! with { Converged = result.Converged };
            current = current with
            {
                Reconcile = done,
                Phase = current.Phase == MigrationPhase.CutOver ? MigrationPhase.CutOver : result.Converged ? MigrationPhase.Reconciled : MigrationPhase.Reconciling,
            };
            current = current.Logged(DateTimeOffset.UtcNow, Invariant($"reconcile run {done.Runs} {(result.Converged ? "converged" : "gave up")} after {result.Passes} pass(es), {result.Repaired} repaired: {result.LastPass}"));
            file.Write(current);
            if (!result.Converged)
            {
                errors.WriteLine(Invariant($"Table {state.Table} still differs after {result.Passes} pass(es): {result.LastPass}. Writes that keep reaching one side only (an instance that does not mirror) look like this; run 'migrate reconcile' again."));
                return ExitCodes.Differences;
            }

            output.WriteLine(Invariant($"Reconciled table {state.Table}: 0 differences after {result.Passes} pass(es), {result.Repaired} key(s) repaired."));
            output.WriteLine(MigrationGuide.Next(current));
            return ExitCodes.Success;
        }
    }

    /// <summary>The backfill's checkpoint inside the state (its own checksum checked too).</summary>
    private static CopyCheckpoint Checkpoint(MigrationStateFile file, string json)
    {
        try
        {
            return CopyCheckpoint.FromJson(json);
        }
        catch (CopyCheckpointException ex)
        {
            throw new UsageException($"--state: {file.Path}: the backfill checkpoint in it: {ex.Message}", ex);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A progress sink that runs its callback in the reporting thread (System.Progress posts to the thread pool, so a pass could be recorded after the next).</summary>
    private sealed class Progress(Action<ReconcileResult> report) : IProgress<ReconcileResult>
    {
        public void Report(ReconcileResult value) => report(value);
    }
}

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Samples.CrossAccountCopy.Cli;
using SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// <c>cross-account-copy migrate</c>, command by command, in the tool's own process: plan, start (with the
/// application writing through its mirror meanwhile), status, reconcile (of writes an instance made without the
/// mirror), cutover, rollback, a second cutover, the reconcile the other way and finish — each phase recorded in the
/// state file; and every command line or state that cannot be acted on refused with exit code 2 before anything is
/// sent or written.
/// </summary>
public sealed class MigrateToolTests
{
    private static readonly DynamoTable<User> Users = MigrationBed.Users;

    [Fact]
    public async Task A_migration_runs_command_by_command_to_finished_with_0_differences()
    {
        using var bed = await MigrationBed.CreateAsync("MigCmd");
        await MigrationBed.SeedAsync(bed.Source, 120);
        using var folder = new TempFolder("migrate-cmd-");
        var state = folder.File("users.migration");
        string[] args(string command, params string[] more) => ["migrate", command, .. bed.ToolSides, "--state", state, .. more];

        var plan = await RunAsync(args("plan", "--segments", "3"));
        Assert.True(plan.Exit == 0, plan.All);
        Assert.Contains("Planned the migration of table users", plan.Out, StringComparison.Ordinal);
        Assert.Contains("before 'migrate start' begins", plan.Out, StringComparison.Ordinal);
        Assert.Equal(MigrationPhase.Planned, Read(state).Phase);

        // The application mirrors its writes while the backfill runs: an update and a delete of seeded items, a new item.
        using var mirrored = AwsSession.Mirrored(bed.Source, bed.Target);
        await Run.Value(save(Users, new User { Id = "u1", Name = "updated by the app" }), mirrored);
        await Run.Value(delete(Users, "u2"), mirrored);
        await Run.Value(save(Users, new User { Id = "new", Name = "made by the app" }), mirrored);

        var start = await RunAsync(args("start", "--page-size", "7"));
        Assert.True(start.Exit == 0, start.All);
        Assert.Contains("Backfilled table users: 120 item(s) scanned, 118 written, 2 already there", start.Out, StringComparison.Ordinal);
        Assert.Equal(MigrationPhase.Backfilled, Read(state).Phase);
        Assert.True((await bed.CompareAsync()).IsIdentical);

        // An instance that does not mirror writes the source alone: the reconcile finds and repairs it.
        await MigrationBed.SeedAsync(bed.Source, 5, "unmirrored", from: 200);
        await Run.Value(delete(Users, "u3"), bed.Source);
        var reconcile = await RunAsync(args("reconcile"));
        Assert.True(reconcile.Exit == 0, reconcile.All);
        Assert.Contains("reconcile pass 1: source 124, target 120: 5 missing, 1 extra, 0 different", reconcile.Out, StringComparison.Ordinal);
        Assert.Contains("Reconciled table users: 0 differences after 2 pass(es), 6 key(s) repaired.", reconcile.Out, StringComparison.Ordinal);
        Assert.Equal(new ReconcileRecord(1, 2, 6, 0, 0, 0, true, false), Read(state).Reconcile);

        var status = await RunAsync(["migrate", "status", "--state", state]);
        Assert.True(status.Exit == 0, status.All);
        Assert.Contains("phase: Reconciled; primary: source", status.Out, StringComparison.Ordinal);
        Assert.Contains("backfill: 3/3 segment(s) done, 120 item(s) scanned, 118 written, 1 run(s)", status.Out, StringComparison.Ordinal);
        Assert.Contains("reconcile: 1 run(s), 2 pass(es), 6 repaired; last pass 0 missing, 0 extra, 0 different (converged)", status.Out, StringComparison.Ordinal);
        Assert.Contains("next: 'migrate cutover'", status.Out, StringComparison.Ordinal);

        var cutover = await RunAsync(args("cutover"));
        Assert.True(cutover.Exit == 0, cutover.All);
        Assert.True(Read(state) is { Phase: MigrationPhase.CutOver, Swapped: true });
        await mirrored.Mirror!.SwapAsync();

        var rollback = await RunAsync(["migrate", "rollback", "--state", state]);
        Assert.True(rollback.Exit == 0, rollback.All);
        Assert.True(Read(state) is { Phase: MigrationPhase.RolledBack, Swapped: false });
        await mirrored.Mirror.SwapAsync();
        Assert.True((await RunAsync(args("reconcile"))).Exit == 0);
        Assert.True((await RunAsync(args("cutover"))).Exit == 0);
        await mirrored.Mirror.SwapAsync();

        // After the cutover the target is the truth: a write only the target took is repaired into the source.
        await Run.Value(save(Users, new User { Id = "after", Name = "target only" }), bed.Target);
        var early = await RunAsync(args("finish"));
        Assert.Equal(ExitCodes.Differences, early.Exit);
        Assert.Contains("has not been reconciled since the cutover", early.Err, StringComparison.Ordinal);
        var back = await RunAsync(args("reconcile"));
        Assert.True(back.Exit == 0, back.All);
        Assert.Contains("reconcile pass 1: source 125, target 124: 1 missing, 0 extra, 0 different", back.Out, StringComparison.Ordinal);
        var finish = await RunAsync(args("finish"));
        Assert.True(finish.Exit == 0, finish.All);
        Assert.Equal(MigrationPhase.Finished, Read(state).Phase);
        Assert.True((await bed.CompareAsync(bed.Target)).IsIdentical);
        Assert.Equal(13, Read(state).Log.Length);
    }

    [Fact]
    public async Task Command_lines_and_state_files_that_cannot_be_acted_on_exit_2_with_why_and_nothing_changes()
    {
        using var bed = await MigrationBed.CreateAsync("MigBad");
        using var folder = new TempFolder("migrate-bad-");
        var state = folder.File("users.migration");
        string[] args(string command, params string[] more) => ["migrate", command, .. bed.ToolSides, "--state", state, .. more];

        await Refused(args("start"), "does not exist; a migration begins with 'migrate plan --state");
        await Refused(["migrate", "plan", .. bed.ToolSides, "--state", folder.File("none/users.migration")], "the folder ");
        await Refused(args("plan", "--segments", "0"), "--segments must be a whole number of segments from 1 to 1,000,000; '0' is not.");
        Assert.False(File.Exists(state));

        Assert.Equal(0, (await RunAsync(args("plan"))).Exit);
        var planned = await File.ReadAllTextAsync(state);
        await Refused(args("plan"), "exists already (the migration of table users, phase Planned)");
        await Refused(args("reconcile"), "is in phase Planned: the backfill is not done; next: 'migrate start'");
        await Refused(args("cutover"), "is in phase Planned: a cutover needs a reconcile that found 0 differences");
        await Refused(["migrate", "rollback", "--state", state], "is in phase Planned: only a cutover can be rolled back");
        await Refused(args("reconcile", "--max-passes", "0"), "--max-passes must be a whole number of passes from 1 to 1,000; '0' is not.");
        await Refused(["migrate", "start", "--table", "orders", "--local", bed.Endpoint.ToString(), "--from-key", bed.SourceKey, "--to-key", bed.TargetKey, "--state", state], "is the migration of table users, not orders.");
        await Refused(["migrate", "start", "--table", "users", "--local", bed.Endpoint.ToString(), "--from-key", bed.SourceKey, "--to-key", "OtherTarget01", "--state", state], "Give the sides it was planned with");

        // An edited state (the phase moved on by hand) is refused whole, by its checksum.
        await File.WriteAllTextAsync(state, planned.Replace("\"Planned\"", "\"Reconciled\"", StringComparison.Ordinal));
        await Refused(args("cutover"), "The migration state file is not usable: its checksum does not match its content");
        await File.WriteAllTextAsync(state, "{ not json");
        await Refused(["migrate", "status", "--state", state], "The migration state file is not usable: it is not a migration state file");
        Assert.Equal(0, await Run.Value(count(Users), bed.Target));
    }

    internal static async Task<(int Exit, string Out, string Err, string All)> RunAsync(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Tool.RunAsync(args, stdout, stderr, CancellationToken.None, _ => null);
        return (exit, stdout.ToString(), stderr.ToString(), $"exit {exit}: {stdout}{stderr}");
    }

    internal static MigrationState Read(string path) => new MigrationStateFile(path).Read()!;

    private static async Task Refused(string[] args, string why)
    {
        var state = args[Array.IndexOf(args, "--state") + 1];
        var before = File.Exists(state) ? await File.ReadAllTextAsync(state) : null;
        var (exit, stdout, stderr, all) = await RunAsync(args);
        Assert.True(exit == ExitCodes.BadUsage, all);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(why, stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.Exists(state) ? await File.ReadAllTextAsync(state) : null);
    }
}

/// <summary>A temporary folder, deleted with what is in it.</summary>
internal sealed class TempFolder(string prefix) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory(prefix);

    public string File(string name) => Path.Combine(folder.FullName, name);

    public void Dispose() => folder.Delete(recursive: true);
}

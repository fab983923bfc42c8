using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// The built tool killed (the process, no chance to clean up) in the middle of the backfill and in the middle of a
/// reconcile, while the application writes through its mirror: the state file is whole after each kill (written
/// atomically), says the phase was not finished, and the same command run again resumes — the backfill from its last
/// checkpoint, not from the beginning — until a reconcile finds 0 differences.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class MigrateToolKillTests
{
    private const int Items = 1_500;

    private static readonly DynamoTable<User> Users = MigrationBed.Users;

    private static string Tool => BuiltPrograms.Path("samples/CrossAccountCopy", "cross-account-copy");

    [Fact]
    public async Task Killed_in_the_backfill_and_in_the_reconcile_it_resumes_to_0_differences()
    {
        using var bed = await MigrationBed.CreateAsync("MigKill");
        await MigrationBed.SeedAsync(bed.Source, Items);
        using var folder = new TempFolder("migrate-kill-");
        var state = folder.File("users.migration");
        string[] args(string command, params string[] more) => ["migrate", command, .. bed.ToolSides, "--state", state, .. more];
        Assert.Equal(0, (await MigrateToolTests.RunAsync(args("plan", "--segments", "2"))).Exit);
        using var mirrored = AwsSession.Mirrored(bed.Source, bed.Target);

        // Killed once a few pages are checkpointed (a slow rate keeps it far from its end), the application writing meanwhile.
        var first = await KillWhen(args("start", "--page-size", "10", "--rate", "150"), state, s => s.BackfillCheckpoint is { } c && CopyCheckpoint.FromJson(c).ItemsRead >= 60);
        await Run.Value(save(Users, new User { Id = "u5", Name = "updated while the tool was down" }), mirrored);
        await Run.Value(delete(Users, "u6"), mirrored);
        Assert.Equal(MigrationPhase.Backfilling, first.Phase);
        var before = CopyCheckpoint.FromJson(first.BackfillCheckpoint!);
        Assert.False(before.IsComplete);

        var resumed = await MigrateToolTests.RunAsync(args("start", "--page-size", "50"));
        Assert.True(resumed.Exit == 0, resumed.All);
        Assert.Contains("Resuming the backfill of table users", resumed.Out, StringComparison.Ordinal);
        var scannedAgain = long.Parse(resumed.Out.Split("Backfilled table users: ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Items - 1 - before.ItemsRead, scannedAgain);
        Assert.True(MigrateToolTests.Read(state) is { Phase: MigrationPhase.Backfilled, BackfillRuns: 2 });

        // Differences the reconcile must repair (an instance that does not mirror), then the reconcile killed after its first pass.
        await MigrationBed.SeedAsync(bed.Source, Items, "unmirrored");
        var killed = await KillWhen(args("reconcile"), state, s => s.Reconcile is { Passes: >= 1 });
        Assert.True(killed is { Phase: MigrationPhase.Reconciling, Reconcile: { Converged: false, Runs: 1 } }, $"{killed.Phase} {killed.Reconcile}");

        var again = await MigrateToolTests.RunAsync(args("reconcile"));
        Assert.True(again.Exit == 0, again.All);
        Assert.True(MigrateToolTests.Read(state) is { Phase: MigrationPhase.Reconciled, Reconcile: { Converged: true, Runs: 2, Missing: 0, Extra: 0, Different: 0 } });
        var compared = await bed.CompareAsync();
        Assert.True(compared.IsIdentical, compared.ToString());
        Assert.Equal(Items, compared.TargetItems);
        Assert.Equal("unmirrored", (await Run.Value(get(Users, "u5"), bed.Target)).Match(u => u.Name, () => "none"));
    }

    /// <summary>Runs the built tool with <paramref name="args"/>, kills it when the state file <paramref name="path"/> meets <paramref name="when"/>, and returns the state it left.</summary>
    private static async Task<MigrationState> KillWhen(string[] args, string path, Func<MigrationState, bool> when)
    {
        using var process = BuiltPrograms.Start(Tool, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && !(Readable(path) is { } s && when(s)))
        {
            // A deadline for a broken build, not a timed assertion: the condition is met within seconds.
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the tool never reached the point to kill it at");
            await Task.Delay(10);
        }

        if (process.HasExited)
        {
            Assert.Fail($"the tool ended before it could be killed: {await output}{await errors}");
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Assert.NotEqual(0, process.ExitCode);
        return MigrateToolTests.Read(path);
    }

    private static MigrationState? Readable(string path)
    {
        try
        {
            return new MigrationStateFile(path).Read();
        }
        catch (IOException)
        {
            // Being replaced at this moment: read it again.
            return null;
        }
    }
}

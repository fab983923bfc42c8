using System;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// Dirty keys kept in a DynamoDB table the caller names (in the primary's account): writes made while the secondary is
/// unreachable record their keys there; a mirror made afterwards — another process, or this one after a restart, with
/// nothing in memory — reads them in its reconcile, repairs each from the primary (0 differences) and empties the table.
/// </summary>
public sealed class DirtyKeyTableTests
{
    private const string DirtyTable = "migration-dirty-keys";

    private static readonly DynamoTable<User> Users = MigrationBed.Users;

    [Fact]
    public async Task Keys_owed_while_the_secondary_is_unreachable_are_kept_in_the_table_and_repaired_by_a_later_reconcile()
    {
        using var bed = await MigrationBed.CreateAsync("DirtyTbl");
        await MigrationBed.SeedAsync(bed.Source, 5);
        await MigrationBed.SeedAsync(bed.Target, 5);

        // The secondary's account behind an endpoint nobody answers, without SDK retries: every mirrored write fails at once.
        var dead = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}/");
        using var unreachable = AwsSession.FromKeys(bed.TargetKey, "dirty-table-secret", "us-east-1").WithEndpoint(dead).WithClientConfiguration(c => c.MaxErrorRetry = 0);
        var options = new MirrorOptions { DirtyKeysTable = DirtyTable };
        using (var down = AwsSession.Mirrored(bed.Source, unreachable, options))
        {
            await Run.Value(batchSave(Users, Enumerable.Range(10, 6).Select(i => new User { Id = "u" + i, Name = "while down" })), down);
            await Run.Value(update(Users, "u1", null, ItemUpdate.Set("name", "updated while down")), down);
            await Run.Value(delete(Users, "u2"), down);
            Assert.Equal(8, down.Mirror!.Statistics.DirtyKeys);
        }

        // Disposed: what it owed is in the table, in the primary's account (and nothing reached the secondary).
        using var raw = await LocalDynamo.RawClientAsync(bed.SourceKey);
        var stored = (await raw.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = DirtyTable, ConsistentRead = true })).Items;
        var owed = string.Join(' ', stored.Select(i => i["key"].S).Order(StringComparer.Ordinal));
        Assert.True(owed == "users{id=S:u10} users{id=S:u11} users{id=S:u12} users{id=S:u13} users{id=S:u14} users{id=S:u15} users{id=S:u1} users{id=S:u2}", owed);
        Assert.Equal(8, (await bed.CompareAsync()).MissingCount + (await bed.CompareAsync()).ExtraCount + (await bed.CompareAsync()).DifferentCount);

        // A mirror made later, nothing owed in its memory: its reconcile reads the table and repairs every key from the primary.
        using var back = AwsSession.Mirrored(bed.Source, bed.Target, options);
        Assert.Empty(back.Mirror!.DirtyKeys);
        var reconciled = await Run.Value(useSession(Users, back, reconcile(Users)), bed.Source);
        Assert.True(reconciled.Converged, reconciled.LastPass.ToString());
        Assert.Equal(8, reconciled.Repaired);
        Assert.True((await bed.CompareAsync()).IsIdentical);
        Assert.Empty(back.Mirror.DirtyKeys);
        Assert.Empty((await raw.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = DirtyTable, ConsistentRead = true })).Items);
    }

    [Fact]
    public async Task The_tools_reconcile_in_another_process_reads_and_empties_the_table_the_application_wrote()
    {
        using var bed = await MigrationBed.CreateAsync("DirtyTool");
        await MigrationBed.SeedAsync(bed.Source, 5);
        using var folder = new TempFolder("dirty-tool-");
        var state = folder.File("users.migration");
        string[] args(string command, params string[] more) => ["migrate", command, .. bed.ToolSides, "--state", state, .. more];
        Assert.Equal(0, (await MigrateToolTests.RunAsync(args("plan"))).Exit);
        Assert.Equal(0, (await MigrateToolTests.RunAsync(args("start"))).Exit);

        var dead = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}/");
        using var unreachable = AwsSession.FromKeys(bed.TargetKey, "dirty-tool-secret", "us-east-1").WithEndpoint(dead).WithClientConfiguration(c => c.MaxErrorRetry = 0);
        using (var down = AwsSession.Mirrored(bed.Source, unreachable, new MirrorOptions { DirtyKeysTable = DirtyTable }))
        {
            await Run.Value(update(Users, "u3", null, ItemUpdate.Set("name", "while down")), down);
            await Run.Value(delete(Users, "u4"), down);
        }

        using var raw = await LocalDynamo.RawClientAsync(bed.SourceKey);
        Assert.Equal(2, (await raw.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = DirtyTable, ConsistentRead = true })).Count);
        var reconcile = await MigrateToolTests.RunAsync(args("reconcile", "--dirty-keys-table", DirtyTable));
        Assert.True(reconcile.Exit == 0, reconcile.All);
        Assert.Contains("0 differences after 2 pass(es), 2 key(s) repaired", reconcile.Out, StringComparison.Ordinal);
        Assert.True((await bed.CompareAsync()).IsIdentical);
        Assert.Equal(0, (await raw.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = DirtyTable, ConsistentRead = true })).Count);
    }
}

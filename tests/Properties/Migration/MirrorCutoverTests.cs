using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// Cutover under load and migrations between table namings: 64 flows write through one mirror while it swaps; every
/// write a flow saw succeed is on both sides afterwards, the sides are equal without a reconcile, and reads and writes
/// then go to the former secondary. A secondary that names its tables apart (a prefix) is reached by its own naming in
/// writes, backfill and reconcile.
/// </summary>
public sealed class MirrorCutoverTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task A_swap_while_64_flows_write_loses_no_write_and_leaves_both_sides_equal()
    {
        using var bed = await MigrationBed.CreateAsync("CutA");
        var (a, b) = (bed.Source, bed.Target);
        using var mirrored = AwsSession.Mirrored(a, b);
        var swap = new TaskCompletionSource();

        var flows = Enumerable.Range(0, 64).Select(f => Task.Run(async () =>
        {
            var last = new Dictionary<string, string>();
            for (var op = 0; op < 12; op++)
            {
                if (f == 0 && op == 6)
                {
                    swap.TrySetResult();
                }

                var id = $"f{f}-{op % 4}";
                var name = $"f{f}-op{op}";
                await Run.Value(save(Users, new User { Id = id, Name = name }), mirrored);
                last[id] = name;
                var read = await Run.Value(get(Users, id, consistentRead: true), mirrored);
                Assert.Equal(name, (read.Case as User)?.Name);
            }

            return last;
        })).ToList();

        await swap.Task;
        await Run.Value(useSession(Users, mirrored, cutover(Users)), a);
        var written = (await Task.WhenAll(flows)).SelectMany(d => d).ToList();

        Assert.True(mirrored.Mirror!.IsSwapped);
        Assert.Same(b, mirrored.Mirror.Primary);
        var verified = await Run.Value(verifyCopy(Users, a), b);
        Assert.True(verified.IsIdentical, verified.ToString());
        Assert.Equal(256, verified.SourceItems);
        foreach (var side in new[] { a, b })
        {
            foreach (var (id, name) in written)
            {
                Assert.Equal(name, ((await Run.Value(get(Users, id, consistentRead: true), side)).Case as User)?.Name);
            }
        }

        // After the swap writes go to b first and are mirrored back to a; an item only b has is read through the mirror.
        await Run.Value(save(Users, new User { Id = "after", Name = "b first" }), mirrored);
        Assert.True((await Run.Value(get(Users, "after"), a)).IsSome);
        await Run.Value(save(Users, new User { Id = "only-b" }), b);
        Assert.True((await Run.Value(get(Users, "only-b"), mirrored)).IsSome);

        // Rollback is a second swap; stopping ends mirroring.
        await mirrored.Mirror.SwapAsync();
        Assert.Same(a, mirrored.Mirror.Primary);
        await mirrored.Mirror.StopAsync();
        await Run.Value(save(Users, new User { Id = "stopped" }), mirrored);
        Assert.True((await Run.Value(get(Users, "stopped"), a)).IsSome);
        Assert.True((await Run.Value(get(Users, "stopped"), b)).IsNone);
        await Assert.ThrowsAsync<InvalidOperationException>(() => mirrored.Mirror.SwapAsync());
    }

    [Fact]
    public async Task A_secondary_with_its_own_table_naming_is_written_backfilled_and_reconciled_by_that_naming()
    {
        var local = await DynamoDbLocal.Shared;
        using var primary = local.NewAccount("NameP");
        using var secondary = local.NewAccount("NameS").WithTableNames(TableNames.Prefix("mig-"));
        await Run.Value(createTable(Users), primary);
        await Run.Value(createTable(Users), secondary);
        await Run.Value(batchSave(Users, Enumerable.Range(0, 30).Select(i => new User { Id = "old" + i, Name = "old" })), primary);

        using var mirrored = AwsSession.Mirrored(primary, secondary);
        await Run.Value(save(Users, new User { Id = "new", Name = "mirrored" }), mirrored);
        await Run.Value(delete(Users, "old0"), mirrored);
        var backfilled = await Run.Value(useSession(Users, mirrored, backfill(Users)), primary);
        Assert.Equal(30, backfilled.Scanned);
        Assert.Equal(29, backfilled.Written);
        Assert.Equal(1, backfilled.AlreadyThere);

        var raw = await secondary.DynamoDB.DescribeTableAsync("mig-users");
        Assert.Equal(30, (await Run.Value(count(Users), secondary)));
        var reconciled = await Run.Value(useSession(Users, mirrored, reconcile(Users)), primary);
        Assert.True(reconciled.Converged, reconciled.LastPass.ToString());
        Assert.Equal(1, reconciled.Passes);
        Assert.Equal("mig-users", raw.Table.TableName);
        await Assert.ThrowsAsync<NotSupportedException>(() => mirrored.Mirror!.SwapAsync());
    }
}

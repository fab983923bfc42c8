using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using FsCheck.Xunit;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;
using SessionEffects.TestSupport;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// Model-based, against DynamoDB Local: several flows of random application operations (saves, updates, deletes,
/// conditional saves, batch writes, transactions and consistent reads) run through a mirror while a backfill copies the
/// primary into the secondary. Each flow owns some keys (its model says what each must hold) and all flows share the
/// pre-existing items (updated and deleted under the backfill's scan). Without any reconcile, at the end the secondary
/// equals the primary item for item — the backfill neither overwrote a mirrored state nor brought a deleted item back —,
/// every state a flow saw succeed is on both sides, and no read of a flow saw an item older than its own last write.
/// The second property runs the same flows through the whole migration — backfill, reconcile, cutover and writes after
/// it — with the same checks at the end, the former secondary being the primary.
/// </summary>
public sealed class MirrorBackfillProperties
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [EngineProperty(EngineFeature.Transactions, MaxTest = 3)]
    public async Task A_backfill_under_concurrent_mirrored_writes_leaves_both_sides_equal_and_every_acknowledged_write_on_both(int seed)
    {
        using var bed = await MigrationBed.CreateAsync("BfP");
        var (primary, secondary) = (bed.Source, bed.Target);
        const int Seeded = 400;
        await Run.Value(batchSave(Users, Enumerable.Range(0, Seeded).Select(i => new User { Id = "s" + i, Name = "seeded" })), primary);

        using var mirrored = AwsSession.Mirrored(primary, secondary);
        using var backfillDone = new CancellationTokenSource();
        var models = new ConcurrentBag<Dictionary<string, string?>>();
        var flows = Enumerable.Range(0, 6).Select(f => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, f));
            var model = new Dictionary<string, string?>();
            for (var op = 0; op < 40 || !backfillDone.IsCancellationRequested; op++)
            {
                await Step(mirrored, f, op, random, model);
            }

            models.Add(model);
        })).ToList();

        var backfilled = await Run.Value(useSession(Users, mirrored, backfill(Users, new BackfillOptions { Segments = 3, Concurrency = 4 })), primary);
        await backfillDone.CancelAsync();
        await Task.WhenAll(flows);

        Assert.True(backfilled.Scanned > 0 && backfilled.Written > 0, backfilled.ToString());
        Assert.Equal(backfilled.Scanned, backfilled.Written + backfilled.AlreadyThere);

        // The flows ran under the scan: shared items were deleted (tombstones) and mirrored states got there first.
        Assert.True(backfilled.Tombstones > 0 && backfilled.AlreadyThere > 0, backfilled.ToString());
        var verified = await Run.Value(verifyCopy(Users, secondary), primary);
        Assert.True(verified.IsIdentical, verified.ToString());
        foreach (var (id, name) in models.SelectMany(m => m))
        {
            foreach (var side in new[] { primary, secondary })
            {
                var stored = await Run.Value(get(Users, id, consistentRead: true), side);
                Assert.Equal(name, (stored.Case as User)?.Name);
            }
        }

        Assert.Equal(0, mirrored.Mirror!.Statistics.FailedWrites);
    }

    [EngineProperty(EngineFeature.Transactions, MaxTest = 2)]
    public async Task A_whole_migration_under_concurrent_writes_backfill_reconcile_and_cutover_loses_nothing_and_ends_equal(int seed)
    {
        using var bed = await MigrationBed.CreateAsync("WholeMig");
        var (primary, secondary) = (bed.Source, bed.Target);
        await Run.Value(batchSave(Users, Enumerable.Range(0, 400).Select(i => new User { Id = "s" + i, Name = "seeded" })), primary);
        using var mirrored = AwsSession.Mirrored(primary, secondary);
        using var done = new CancellationTokenSource();
        var swapped = 0;
        var afterSwap = new CountdownEvent(6);
        var models = new ConcurrentBag<Dictionary<string, string?>>();

        // Every flow writes through all three phases, and goes on for 10 operations after it first sees the swap.
        var flows = Enumerable.Range(0, 6).Select(f => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, f, "whole"));
            var model = new Dictionary<string, string?>();
            var sinceSwap = 0;
            for (var op = 0; !done.IsCancellationRequested; op++)
            {
                await Step(mirrored, f, op, random, model);
                if (Volatile.Read(ref swapped) == 1 && ++sinceSwap == 10)
                {
                    afterSwap.Signal();
                }
            }

            models.Add(model);
        })).ToList();

        await Run.Value(useSession(Users, mirrored, backfill(Users, new BackfillOptions { Segments = 3, Concurrency = 4 })), primary);
        var reconciled = await Run.Value(useSession(Users, mirrored, reconcile(Users)), primary);
        await Run.Value(useSession(Users, mirrored, cutover(Users)), primary);
        Volatile.Write(ref swapped, 1);

        // A flow that fails ends early and would never signal: its failure ends the wait too (and is rethrown below).
        var signalled = Task.Run(() => afterSwap.Wait(done.Token));
        await Task.WhenAny(signalled, Task.WhenAny(flows));
        await done.CancelAsync();
        await signalled.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(flows);
        afterSwap.Dispose();

        Assert.True(reconciled.Converged, reconciled.LastPass.ToString());
        Assert.Same(secondary, mirrored.Mirror!.Primary);
        var verified = await bed.CompareAsync(secondary);
        Assert.True(verified.IsIdentical, verified.ToString());
        foreach (var (id, name) in models.SelectMany(m => m))
        {
            foreach (var side in new[] { primary, secondary })
            {
                var stored = await Run.Value(get(Users, id, consistentRead: true), side);
                Assert.Equal(name, (stored.Case as User)?.Name);
            }
        }

        Assert.Equal(0, mirrored.Mirror.Statistics.FailedWrites);
    }

    /// <summary>One random operation of flow <paramref name="flow"/>, checked against (and recorded in) its model.</summary>
    private static async Task Step(AwsSession mirrored, int flow, int op, Random random, Dictionary<string, string?> model)
    {
        var own = $"f{flow}-{random.Next(8)}";
        var shared = "s" + random.Next(400);
        var name = $"f{flow}-op{op}";
        string? Held(string id) => model.TryGetValue(id, out var n) ? n : null;
        switch (random.Next(9))
        {
            case 0:
                await Run.Value(save(Users, new User { Id = own, Name = name }), mirrored);
                model[own] = name;
                break;
            case 1:
                await Run.Value(update(Users, own, null, ItemUpdate.Set("name", name)), mirrored);
                model[own] = name;
                break;
            case 2:
                await Run.Value(delete(Users, own), mirrored);
                model[own] = null;
                break;
            case 3:
                bool created;
                try
                {
                    await Run.Value(save(Users, new User { Id = own, Name = name }, DynamoCondition.ItemDoesNotExist(Users)), mirrored);
                    created = true;
                }
                catch (ConditionalCheckFailedException)
                {
                    created = false;
                }

                Assert.Equal(Held(own) is null, created);
                if (created)
                {
                    model[own] = name;
                }

                break;
            case 4:
                var batch = Enumerable.Range(0, 3).Select(i => $"f{flow}-{(random.Next(8) + i) % 8}").Distinct().ToList();
                await Run.Value(batchSave(Users, batch.Select(id => new User { Id = id, Name = name })), mirrored);
                batch.ForEach(id => model[id] = name);
                break;
            case 5:
                var other = $"f{flow}-{(int.Parse(own[(own.IndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1) % 8}";
                await Run.Value(transactWrite([WritePart.Put(Users, new User { Id = own, Name = name }), WritePart.Delete(Users, other)]), mirrored);
                model[own] = name;
                model[other] = null;
                break;
            case 6:
                var read = await Run.Value(get(Users, own, consistentRead: true), mirrored);
                Assert.Equal(Held(own), (read.Case as User)?.Name);
                break;
            case 7:
                await Run.Value(update(Users, shared, null, ItemUpdate.Set("name", name)), mirrored);
                break;
            default:
                await Run.Value(delete(Users, shared), mirrored);
                break;
        }
    }
}

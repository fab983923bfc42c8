using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Fidelity;

/// <summary>
/// The differential property of issue #22: random sequences of saves (of fresh, held and loaded-and-changed objects),
/// loads, deletes (by key and by object), batch saves and writes by other code, over a zoo of classes that together
/// use every DataModel attribute the library honours, run once through DynamoDBContext and once through SessionEffects,
/// each in its own account of DynamoDB Local. After every step the outcomes (success or the exception's type), the
/// stored items (raw GetItem, attribute for attribute) and the objects each side holds are the same.
/// </summary>
public sealed class DataModelFidelityProperties : IAsyncLifetime
{
    private static int cases;
    private readonly string contextKey = LocalDynamo.NewAccessKey("Ctx");
    private readonly string ourKey = LocalDynamo.NewAccessKey("Ours");
    private AwsSession contextAccount = null!;
    private AwsSession ourAccount = null!;

    /// <summary>What a step does.</summary>
    public enum Act
    {
        SaveNew,
        SaveHeld,
        LoadModifySave,
        Load,
        Delete,
        DeleteHeld,
        Foreign,
        Batch,
    }

    public async Task InitializeAsync()
    {
        contextAccount = await LocalDynamo.SessionAsync(contextKey);
        ourAccount = await LocalDynamo.SessionAsync(ourKey);
        foreach (var driver in ZooDrivers.All)
        {
            var table = Describe(driver.Type);
            await Run.Value(createTable(table), contextAccount);
            await Run.Value(createTable(table), ourAccount);
        }
    }

    public Task DisposeAsync()
    {
        contextAccount.Dispose();
        ourAccount.Dispose();
        return Task.CompletedTask;
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Arbitraries)])]
    public Property DynamoDBContext_and_SessionEffects_store_and_read_the_same(Case c)
    {
        var divergence = Task.Run(() => FirstDivergence(c)).GetAwaiter().GetResult();
        return (divergence is null).Label(divergence ?? string.Empty);
    }

    [Fact]
    public async Task Three_saves_of_a_counted_object_store_2_on_both_sides()
    {
        // The issue's own case: DynamoDBContext stores Hits = 2 after three saves; so must the library.
        var steps = ImmutableList.Create(new Step(Act.SaveNew, 0, 1), new Step(Act.SaveHeld, 0, 0), new Step(Act.SaveHeld, 0, 0));
        var c = new Case(ZooDrivers.All.Single(d => d.Type == typeof(ZooCounted)), steps);
        Assert.Null(await FirstDivergence(c));

        var id = "three-saves";
        var ours = new ZooCounted { Id = id };
        for (var i = 0; i < 3; i++)
        {
            await Run.Value(save(DynamoTable.Of<ZooCounted>(), ours), ourAccount);
        }

        using var raw = await LocalDynamo.RawClientAsync(ourKey);
        var stored = (await raw.GetItemAsync(DynamoTable.Of<ZooCounted>().Name, new() { ["id"] = new() { S = id } })).Item;
        Assert.Equal("2", stored["Hits"].N);
        Assert.Equal("20", stored["big"].N);
        Assert.Equal(2, ours.Hits);
        Assert.Equal(20, ours.Big);
    }

    private async Task<string?> FirstDivergence(Case c)
    {
        var n = Interlocked.Increment(ref cases);
        var ids = new[] { $"c{n}a", $"c{n}b" };
        using var contextClient = await LocalDynamo.RawClientAsync(contextKey);
        using var context = (IFidelitySide)Activator.CreateInstance(typeof(ContextSide<>).MakeGenericType(c.Driver.Type), c.Driver, await LocalDynamo.RawClientAsync(contextKey), contextClient)!;
        using var ours = (IFidelitySide)Activator.CreateInstance(typeof(OurSide<>).MakeGenericType(c.Driver.Type), c.Driver, await LocalDynamo.RawClientAsync(ourKey), ourAccount)!;
        var theirs = await Play(c, context, ids);
        var mine = await Play(c, ours, ids);
        for (var i = 0; i < theirs.Count; i++)
        {
            if (theirs[i] != mine[i])
            {
                return $"after step {i + 1} ({c.Steps[i]}) of {c}:\n DynamoDBContext {theirs[i]}\n SessionEffects  {mine[i]}";
            }
        }

        return null;
    }

    /// <summary>Runs the steps on one side; after each, what it saw: the outcome, the stored items and the objects it holds.</summary>
    private static async Task<List<string>> Play(Case c, IFidelitySide side, string[] ids)
    {
        var held = new object?[ids.Length];
        var text = new ObjectText();
        var seen = new List<string>();
        foreach (var step in c.Steps)
        {
            var id = ids[step.Key];
            string outcome;
            try
            {
                switch (step.Act)
                {
                    case Act.SaveNew:
                        held[step.Key] = c.Driver.Make(id, step.Seed);
                        await side.Save(held[step.Key]!);
                        break;
                    case Act.SaveHeld when held[step.Key] is { } item:
                        await side.Save(item);
                        break;
                    case Act.LoadModifySave:
                        if (await side.Load(id) is { } loaded)
                        {
                            held[step.Key] = loaded;
                            c.Driver.Modify(loaded, step.Seed);
                            await side.Save(loaded);
                        }

                        break;
                    case Act.Load:
                        held[step.Key] = await side.Load(id);
                        break;
                    case Act.Delete:
                        await side.Delete(id);
                        break;
                    case Act.DeleteHeld when held[step.Key] is { } item:
                        await side.DeleteItem(item);
                        break;
                    case Act.Foreign:
                        await side.ForeignWrite(id);
                        break;
                    case Act.Batch:
                        var items = ids.Select((k, i) => c.Driver.Make(k, step.Seed + i)).ToList();
                        await side.BatchSave(items);
                        for (var i = 0; i < items.Count; i++)
                        {
                            held[i] = items[i];
                        }

                        break;
                }

                outcome = "ok";
            }
            catch (Exception ex)
            {
                outcome = ex.GetType().Name;
            }

            NextMillisecond();
            var stored = new List<string>();
            foreach (var k in ids)
            {
                stored.Add(text.Of(k, await side.Raw(k), c.Driver.Stamped));
            }

            seen.Add($"{outcome} | stored {string.Join(" ; ", stored)} | held {string.Join(" ; ", held.Select((h, i) => text.Of(ids[i], h, c.Driver.Stamped)))}");
        }

        return seen;
    }

    /// <summary>
    /// Waits until the clock has left the millisecond in which the step ended, so a timestamp stamped by a later step
    /// never shares a millisecond with one stamped by this step (the labels compare timestamps by millisecond).
    /// </summary>
    private static void NextMillisecond()
    {
        var ended = DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
        while (DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond == ended)
        {
            Thread.SpinWait(20);
        }
    }

    private static DynamoTable Describe(Type type) =>
        (DynamoTable)typeof(DynamoTable).GetMethod(nameof(DynamoTable.Of))!.MakeGenericMethod(type).Invoke(null, null)!;

    /// <summary>One step: what, on which of the two keys, with which seed for the values it makes.</summary>
    public sealed record Step(Act Act, int Key, int Seed)
    {
        public override string ToString() => $"{Act}(key {Key}, seed {Seed})";
    }

    /// <summary>A zoo class and the steps run on it.</summary>
    public sealed record Case(ZooDriver Driver, ImmutableList<Step> Steps)
    {
        public override string ToString() => $"{Driver.Name}: {string.Join(", ", Steps)}";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Case> Cases() => Arb.From(
            from driver in Gen.Elements(ZooDrivers.All.AsEnumerable())
            from steps in Gen.Choose(1, 10).SelectMany(n => Gen.ListOf(StepGen(), n))
            select new Case(driver, [.. steps]),
            c => c.Steps.Count <= 1 ? [] : Enumerable.Range(0, c.Steps.Count).Select(i => c with { Steps = c.Steps.RemoveAt(i) }));

        private static Gen<Step> StepGen() =>
            from act in Gen.Frequency(
                (4, Gen.Constant(Act.SaveNew)),
                (4, Gen.Constant(Act.SaveHeld)),
                (4, Gen.Constant(Act.LoadModifySave)),
                (2, Gen.Constant(Act.Load)),
                (1, Gen.Constant(Act.Delete)),
                (2, Gen.Constant(Act.DeleteHeld)),
                (2, Gen.Constant(Act.Foreign)),
                (1, Gen.Constant(Act.Batch)))
            from key in Gen.Choose(0, 1)
            from seed in Gen.Choose(0, 1000)
            select new Step(act, key, seed);
    }
}

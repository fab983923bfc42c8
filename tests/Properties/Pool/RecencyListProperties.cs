using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// The pool's recency list and eviction choice on their own, without sessions or STS: random runs of adds (each
/// followed by the pool's make-room loop), touches, removals and changes of use, checked step by step against a plain
/// model — a list of keys, least recently used first. After making room the capacity holds unless only entries being made
/// are left, an entry in use is evicted only while no idle one is left, one being made never is, and the order is the
/// order of last use.
/// </summary>
public sealed class RecencyListProperties
{
    public enum Kind
    {
        Add,
        Touch,
        Remove,
        Use,
    }

    /// <summary><see cref="EntryUse"/> as the public test cases can carry it.</summary>
    public enum Usage
    {
        Idle = EntryUse.Idle,
        InUse = EntryUse.InUse,
        BeingMade = EntryUse.BeingMade,
    }

    /// <summary>One step of a run; <see cref="Use"/> is the entry's use after an add or a change of use.</summary>
    public sealed record Op(Kind Kind, int Key, Usage Use)
    {
        public override string ToString() => Kind is Kind.Add or Kind.Use ? $"{Kind} {Key} {Use}" : $"{Kind} {Key}";
    }

    public sealed record Run(int Capacity, ImmutableList<Op> Ops)
    {
        public override string ToString() => $"capacity {Capacity}: {string.Join(", ", Ops)}";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Run> Runs() => Arb.From(
            from capacity in Gen.Choose(1, 5)
            from ops in Gen.ListOf(Step())
            select new Run(capacity, [.. ops]));

        private static Gen<Op> Step() =>
            from kind in Gen.Frequency((5, Gen.Constant(Kind.Add)), (3, Gen.Constant(Kind.Touch)), (1, Gen.Constant(Kind.Remove)), (3, Gen.Constant(Kind.Use)))
            from key in Gen.Choose(0, 9)
            from use in Gen.Frequency((4, Gen.Constant(Usage.Idle)), (3, Gen.Constant(Usage.InUse)), (1, Gen.Constant(Usage.BeingMade)))
            select new Op(kind, key, use);
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(Arbitraries)])]
    public Property After_making_room_the_capacity_holds_unless_only_entries_being_made_are_left(Run run) =>
        Check(run, (list, _, _, madeRoom) =>
            !madeRoom || list.Count <= list.Capacity || list.Entries.All(e => e.Use == EntryUse.BeingMade));

    [Property(MaxTest = 500, Arbitrary = [typeof(Arbitraries)])]
    public Property An_entry_in_use_is_evicted_only_while_no_idle_one_is_left_and_one_being_made_never(Run run) =>
        Check(run, (list, victims, _, _) => victims.All(v => v.Use switch
        {
            EntryUse.Idle => true,
            EntryUse.InUse => v.IdleLeft == 0,
            _ => false,
        }));

    [Property(MaxTest = 500, Arbitrary = [typeof(Arbitraries)])]
    public Property The_order_is_the_order_of_last_use_and_each_victim_is_the_oldest_of_its_kind(Run run) =>
        Check(run, (list, victims, model, _) =>
            list.OldestFirst().Select(e => e.Key).SequenceEqual(model) && victims.All(v => v.OldestOfItsKind));

    /// <summary>
    /// Plays the run on a real list and on the model; after every step, <paramref name="holds"/> sees the list, the
    /// evictions of that step (each with what the list held just before it), the model's order, and whether the step was
    /// an add followed by the make-room loop (the pool makes room only then: an entry that becomes evictable later, as a
    /// session that is made, waits for the next add).
    /// </summary>
    private static Property Check(Run run, System.Func<RecencyList<int, Entry>, List<Victim>, List<int>, bool, bool> holds)
    {
        var list = new RecencyList<int, Entry>(run.Capacity, comparer: null);
        var model = new List<int>();
        var step = 0;
        foreach (var op in run.Ops)
        {
            var victims = new List<Victim>();
            var madeRoom = false;
            switch (op.Kind)
            {
                case Kind.Add when !list.TryGet(op.Key, out _):
                    list.Add(new Entry(op.Key) { Use = (EntryUse)op.Use });
                    model.Add(op.Key);

                    // The pool's make-room loop: evict while over capacity, as long as the list finds a victim.
                    while (true)
                    {
                        var before = list.OldestFirst().Select(e => (e.Key, e.Use)).ToList();
                        if (!list.TryEvict(0, static (e, _) => e.Use, out var victim))
                        {
                            break;
                        }

                        model.Remove(victim.Key);
                        var oldest = before.First(e => e.Use == victim.Use).Key == victim.Key;
                        victims.Add(new Victim(victim.Use, before.Count(e => e.Use == EntryUse.Idle), oldest));
                    }

                    madeRoom = true;

                    break;
                case Kind.Touch when list.TryGet(op.Key, out var touched):
                    list.Touch(touched);
                    model.Remove(op.Key);
                    model.Add(op.Key);
                    break;
                case Kind.Remove when list.TryGet(op.Key, out var removed):
                    list.Remove(removed);
                    model.Remove(op.Key);
                    break;
                case Kind.Use when list.TryGet(op.Key, out var used):
                    used.Use = (EntryUse)op.Use;
                    break;
            }

            step++;
            if (!holds(list, victims, model, madeRoom))
            {
                return false.Label($"after step {step} ({op}): list {string.Join(" ", list.OldestFirst().Select(e => $"{e.Key}:{e.Use}"))}, model {string.Join(" ", model)}");
            }
        }

        return true.ToProperty();
    }

    /// <summary>An evicted entry: how it was used, how many idle entries the list held just before, and whether it was the oldest of its use.</summary>
    private sealed record Victim(EntryUse Use, int IdleLeft, bool OldestOfItsKind);

    private sealed class Entry(int key) : RecencyNode<int, Entry>(key)
    {
        public EntryUse Use { get; set; }
    }
}

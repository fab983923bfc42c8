using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects.Properties.Fidelity;

/// <summary>
/// How the differential property drives one zoo class: a fresh object for a key from a seed (the same seed gives equal
/// objects, so both sides start from the same values), a change of a loaded object, the class's key, its
/// DynamoDBContext settings and which attributes hold generated timestamps.
/// </summary>
public abstract class ZooDriver
{
    public abstract string Name { get; }

    public abstract Type Type { get; }

    /// <summary>The stored names and property names of generated timestamps.</summary>
    public abstract ImmutableHashSet<string> Stamped { get; }

    /// <summary>The DynamoDBContext settings the class's <see cref="TableMappingOptionsAttribute"/> stands for.</summary>
    public virtual void Configure(DynamoDBContextConfig config)
    {
    }

    public abstract object Make(string id, int seed);

    public abstract void Modify(object item, int seed);

    public abstract (object Hash, object? Range) Key(string id);

    public override string ToString() => Name;

    protected static T Pick<T>(Random r, params T[] values) => values[r.Next(values.Length)];

    protected static DateTime? SomeDate(Random r) => Pick<DateTime?>(r, null, null, new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), new DateTime(2031, 7, 1, 0, 0, 0, DateTimeKind.Utc));
}

/// <summary>The drivers of every zoo class.</summary>
internal static class ZooDrivers
{
    public static ImmutableArray<ZooDriver> All { get; } = [new Counted(), new Unversioned(), new StampedOnly(), new Shapes(), new Lenient(), new LocalTime()];

    private sealed class Counted : ZooDriver
    {
        public override string Name => nameof(ZooCounted);

        public override Type Type => typeof(ZooCounted);

        public override ImmutableHashSet<string> Stamped { get; } = ["Created"];

        public override object Make(string id, int seed)
        {
            var r = new Random(seed);
            return new ZooCounted
            {
                Id = id,
                Name = Pick(r, null, "", "a", "b"),
                Hits = Pick<long?>(r, null, 7),
                Big = Pick<int?>(r, null, 3),
                Created = SomeDate(r),
                First = Pick(r, null, "f1", "f2"),
                Shade = Pick<Hue?>(r, null, Hue.Green, Hue.Blue),
                Plain = Pick(r, Hue.Red, Hue.Blue),
                Tags = Pick<HashSet<string>?>(r, null, [], ["a"], ["a", "b"]),
                Items = Pick<List<string>?>(r, null, [], ["x"]),
            };
        }

        public override void Modify(object item, int seed)
        {
            var r = new Random(seed);
            var z = (ZooCounted)item;
            switch (r.Next(7))
            {
                case 0: z.Name = Pick(r, null, "", "c"); break;
                case 1: z.Tags = Pick<HashSet<string>?>(r, null, [], ["c"]); break;
                case 2: z.Items = Pick<List<string>?>(r, null, [], ["y", "z"]); break;
                case 3: z.Shade = Pick<Hue?>(r, null, Hue.Red); break;
                case 4: z.First = Pick(r, null, "changed"); break;
                case 5: z.Created = SomeDate(r); break;
                default: z.Hits = Pick<long?>(r, null, 100); z.Big = Pick<int?>(r, null, 1); break;
            }
        }

        public override (object Hash, object? Range) Key(string id) => (id, null);
    }

    private sealed class Unversioned : ZooDriver
    {
        public override string Name => nameof(ZooUnversioned);

        public override Type Type => typeof(ZooUnversioned);

        public override ImmutableHashSet<string> Stamped { get; } = ["Touched"];

        public override object Make(string id, int seed)
        {
            var r = new Random(seed);
            return new ZooUnversioned { Id = id, Visits = Pick<long?>(r, null, 4), Touched = SomeDate(r), Origin = Pick(r, null, "o1", "o2"), Note = Pick(r, null, "n") };
        }

        public override void Modify(object item, int seed)
        {
            var r = new Random(seed);
            var z = (ZooUnversioned)item;
            z.Note = Pick(r, null, "m", "");
            z.Touched = r.Next(2) == 0 ? null : z.Touched;
        }

        public override (object Hash, object? Range) Key(string id) => (id, null);
    }

    private sealed class StampedOnly : ZooDriver
    {
        public override string Name => nameof(ZooStamped);

        public override Type Type => typeof(ZooStamped);

        public override ImmutableHashSet<string> Stamped { get; } = ["Seen"];

        public override object Make(string id, int seed)
        {
            var r = new Random(seed);
            return new ZooStamped { Id = id, Seen = r.Next(3) == 0 ? new DateTime(2025, 5, 5, 5, 5, 5, DateTimeKind.Utc) : null, Count = r.Next(3) };
        }

        public override void Modify(object item, int seed) => ((ZooStamped)item).Count += 1 + (seed & 1);

        public override (object Hash, object? Range) Key(string id) => (id, null);
    }

    private sealed class Shapes : ZooDriver
    {
        public override string Name => nameof(ZooShapes);

        public override Type Type => typeof(ZooShapes);

        public override ImmutableHashSet<string> Stamped { get; } = [];

        public override object Make(string id, int seed)
        {
            var r = new Random(seed);
            return new ZooShapes
            {
                Id = id,
                Seq = 1,
                Pet = Pick<Animal?>(r, null, new Animal { Name = "plain" }, new Dog { Name = "rex", Barks = true }, new Cat { Name = "tom", Lives = 9 }),
                Where = Pick<Place?>(r, null, new Place { Street = "s", City = "c" }, new Place { City = "only" }),
                Note = Pick(r, null, "field"),
                Vector = Pick<List<float>?>(r, null, [], [1.5f, -2f, 0.25f]),
                Group = Pick(r, null, "g1"),
                Rank = r.Next(5),
                Label = Pick(r, null, "abc", "MiXed"),
                Due = SomeDate(r),
                Shade = Pick<Hue?>(r, null, Hue.Blue),
                At = Pick<Spot?>(r, null, new Spot(52.5, 13.4)),
            };
        }

        public override void Modify(object item, int seed)
        {
            var r = new Random(seed);
            var z = (ZooShapes)item;
            switch (r.Next(5))
            {
                case 0: z.Pet = Pick<Animal?>(r, null, new Cat { Name = "kit", Lives = 3 }); break;
                case 1: z.Where = Pick<Place?>(r, null, new Place { Street = "new" }); break;
                case 2: z.Note = Pick(r, null, "changed"); break;
                case 3: z.Label = Pick(r, null, "lower"); z.At = Pick<Spot?>(r, null, new Spot(-1, 2)); break;
                default: z.Vector = Pick<List<float>?>(r, null, [3f]); break;
            }
        }

        public override (object Hash, object? Range) Key(string id) => (id, 1);
    }

    private sealed class Lenient : ZooDriver
    {
        public override string Name => nameof(ZooLenient);

        public override Type Type => typeof(ZooLenient);

        public override ImmutableHashSet<string> Stamped { get; } = [];

        public override void Configure(DynamoDBContextConfig config)
        {
            config.IgnoreNullValues = true;
            config.SkipVersionCheck = true;
        }

        public override object Make(string id, int seed)
        {
            var r = new Random(seed);
            return new ZooLenient { Id = id, Name = Pick(r, null, "n"), Count = Pick<int?>(r, null, 1), Version = Pick<long?>(r, null, 0, 5) };
        }

        public override void Modify(object item, int seed)
        {
            var r = new Random(seed);
            var z = (ZooLenient)item;
            z.Name = Pick(r, null, "m");
            z.Count = Pick<int?>(r, null, 2);
        }

        public override (object Hash, object? Range) Key(string id) => (id, null);
    }

    private sealed class LocalTime : ZooDriver
    {
        public override string Name => nameof(ZooLocalTime);

        public override Type Type => typeof(ZooLocalTime);

        public override ImmutableHashSet<string> Stamped { get; } = [];

        public override void Configure(DynamoDBContextConfig config) => config.RetrieveDateTimeInUtc = false;

        public override object Make(string id, int seed)
        {
            var r = new Random(seed);
            return new ZooLocalTime { Id = id, When = new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddMinutes(r.Next(100)), Maybe = SomeDate(r) };
        }

        public override void Modify(object item, int seed) => ((ZooLocalTime)item).Maybe = SomeDate(new Random(seed));

        public override (object Hash, object? Range) Key(string id) => (id, null);
    }
}

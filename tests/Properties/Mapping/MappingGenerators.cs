using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace SessionEffects.Properties.Mapping;

/// <summary>
/// Random instances of the mapping classes. Values are ones DynamoDB can hold and that survive the trip exactly
/// (dates in UTC at millisecond precision, finite numbers); epoch dates carry milliseconds on purpose, so rounding is
/// compared too (against the SDK's reading, not the original). Sets are never empty: the SDK stores nothing for an
/// empty set, so one reads back as null whoever maps it.
/// </summary>
public static class MappingGenerators
{
    private static readonly string Alphabet = "abcXYZ09 -_.:/\"\\\n\té€ß漢";

    public static Arbitrary<MapScalars> Scalars() => Arb.From(
        from id in NonEmpty()
        from seq in ArbMap.Default.GeneratorFor<int>()
        from text in Maybe(Text())
        from empty in Text()
        from l in ArbMap.Default.GeneratorFor<long>()
        from s in ArbMap.Default.GeneratorFor<short>()
        from b in ArbMap.Default.GeneratorFor<byte>()
        from ui in ArbMap.Default.GeneratorFor<uint>()
        from ul in ArbMap.Default.GeneratorFor<ulong>()
        from d in Double()
        from f in Double().Select(x => (float)x).Where(float.IsFinite)
        from m in ArbMap.Default.GeneratorFor<decimal>()
        from flag in ArbMap.Default.GeneratorFor<bool>()
        from letter in Gen.Elements(Alphabet.ToCharArray())
        from guid in ArbMap.Default.GeneratorFor<Guid>()
        from when in Date()
        from blob in Maybe(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Where(a => a.Length > 0))
        from shade in Gen.Elements(Shade.Red, Shade.Green, Shade.Blue, (Shade)42)
        from tiny in Gen.Elements(Tiny.None, Tiny.One, Tiny.Max)
        from maybeInt in MaybeValue(ArbMap.Default.GeneratorFor<int>())
        from maybeDouble in MaybeValue(Double())
        from maybeFlag in MaybeValue(ArbMap.Default.GeneratorFor<bool>())
        from maybeWhen in MaybeValue(Date())
        from maybeGuid in MaybeValue(ArbMap.Default.GeneratorFor<Guid>())
        from renamed in Maybe(Text())
        from version in MaybeValue(Gen.Choose(0, 1000).Select(v => (long)v))
        select new MapScalars
        {
            Id = id,
            Seq = seq,
            Text = text,
            Empty = empty,
            Long = l,
            Short = s,
            Byte = b,
            UInt = ui,
            ULong = ul,
            Double = d,
            Float = f,
            Money = m,
            Flag = flag,
            Letter = letter,
            Guid = guid,
            When = when,
            Blob = blob,
            Shade = shade,
            Tiny = tiny,
            MaybeInt = maybeInt,
            MaybeDouble = maybeDouble,
            MaybeFlag = maybeFlag,
            MaybeWhen = maybeWhen,
            MaybeGuid = maybeGuid,
            Renamed = renamed,
            Version = version,
        });

    public static Arbitrary<MapCollections> Collections() => Arb.From(
        from id in NonEmpty()
        from names in Maybe(Gen.ListOf(Text()).Select(l => l.ToList()))
        from array in Maybe(Gen.ArrayOf(Text()))
        from numbers in Maybe(Gen.ListOf(ArbMap.Default.GeneratorFor<int>()).Select(l => l.ToList()))
        from tags in Maybe(Gen.NonEmptyListOf(NonEmpty()).Select(l => l.ToHashSet()))
        from ints in Maybe(Gen.NonEmptyListOf(ArbMap.Default.GeneratorFor<int>()).Select(l => l.ToHashSet()))
        from doubles in Maybe(Gen.NonEmptyListOf(Double()).Select(l => l.Select(x => x == 0 ? 0.0 : x).ToHashSet()))
        from blobs in Maybe(Gen.NonEmptyListOf(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Where(a => a.Length > 0)).Select(l => l.DistinctBy(Convert.ToBase64String).ToHashSet()))
        from labels in Maybe(Dictionary(Text()))
        from counts in Maybe(Dictionary(ArbMap.Default.GeneratorFor<int>()))
        from grid in Maybe(Gen.ListOf(Gen.ListOf(ArbMap.Default.GeneratorFor<int>()).Select(l => l.ToList())).Select(l => l.ToList()))
        from dates in Maybe(Gen.ListOf(Date()).Select(l => l.ToList()))
        from flags in Maybe(Gen.ListOf(ArbMap.Default.GeneratorFor<bool>()).Select(l => l.ToList()))
        from shades in Maybe(Gen.ListOf(Gen.Elements(Shade.Red, Shade.Blue)).Select(l => l.ToList()))
        select new MapCollections
        {
            Id = id,
            Names = names,
            Array = array,
            Numbers = numbers,
            Tags = tags,
            Ints = ints,
            Doubles = doubles,
            Blobs = blobs,
            Labels = labels,
            Counts = counts,
            Grid = grid,
            Dates = dates,
            Flags = flags,
            Shades = shades,
        });

    public static Arbitrary<MapNested> Nested() => Arb.From(
        from id in NonEmpty()
        from home in Maybe(AddressGen())
        from others in Maybe(Gen.ListOf(AddressGen()).Select(l => l.ToList()))
        from byName in Maybe(Dictionary(AddressGen()))
        select new MapNested { Id = id, Home = home, Others = others, ByName = byName });

    public static Arbitrary<MapEpochConverted> Epoch() => Arb.From(
        from id in NonEmpty()
        from created in Gen.Choose(-2_000_000, 2_000_000).Select(h => DateTime.UnixEpoch.AddHours(h / 10.0))
        from ms in Gen.Choose(0, 999)
        from expires in MaybeValue(Gen.Choose(-100_000, 400_000).Select(h => DateTime.UnixEpoch.AddHours(h * 7.0)))
        from price in Maybe(from a in ArbMap.Default.GeneratorFor<decimal>() from c in Gen.Elements("EUR", "USD") select new Price(a, c))
        from code in Maybe(NonEmpty())
        select new MapEpochConverted { Id = id, Created = created.AddMilliseconds(ms), Expires = expires, Price = price, Code = code });

    private static Gen<Address> AddressGen() =>
        from street in Maybe(Text())
        from number in ArbMap.Default.GeneratorFor<int>()
        from location in Maybe(from x in Double() from y in Double() select new Point { X = x, Y = y })
        from lines in Maybe(Gen.ListOf(Text()).Select(l => l.ToList()))
        from since in Date()
        select new Address { Street = street, Number = number, Location = location, Lines = lines, Since = since };

    private static Gen<string> Text() => Gen.ListOf(Gen.Elements(Alphabet.ToCharArray())).Select(cs => new string([.. cs]));

    private static Gen<string> NonEmpty() => Text().Where(s => s.Length > 0);

    private static Gen<double> Double() =>
        Gen.OneOf(ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite), Gen.Elements(0.1, 1e20, 1.5e-7, -0.0, double.MaxValue, double.Epsilon));

    private static Gen<DateTime> Date() =>
        Gen.Choose(0, int.MaxValue).Select(ms => new DateTime(1950, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(ms * 2.0));

    private static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (4, gen.Select(v => (T?)v)));

    private static Gen<T?> MaybeValue<T>(Gen<T> gen)
        where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(v => (T?)v)));

    private static Gen<Dictionary<string, V>> Dictionary<V>(Gen<V> value) =>
        Gen.ListOf(from k in NonEmpty() from v in value select KeyValuePair.Create(k, v))
            .Select(kvs => kvs.DistinctBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value));
}

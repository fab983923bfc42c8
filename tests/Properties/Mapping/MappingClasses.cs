using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;

namespace SessionEffects.Properties.Mapping;

#pragma warning disable CA1819, CA2227, CA1002 // mapping classes look like users' classes: arrays, settable collections, lists

/// <summary>An enum stored as its underlying number.</summary>
public enum Shade
{
    Red = 1,
    Green = 2,
    Blue = -3,
}

/// <summary>A byte-sized enum.</summary>
public enum Tiny : byte
{
    None,
    One,
    Max = 255,
}

/// <summary>Every scalar the compiled mapping covers, with a range key, a renamed property, an ignored one, a read-only one and a version.</summary>
[DynamoDBTable("map_scalars")]
public sealed class MapScalars
{
    [DynamoDBHashKey("pk")]
    public string Id { get; set; } = string.Empty;

    [DynamoDBRangeKey("sk")]
    public int Seq { get; set; }

    public string? Text { get; set; }

    public string Empty { get; set; } = string.Empty;

    public long Long { get; set; }

    public short Short { get; set; }

    public byte Byte { get; set; }

    public uint UInt { get; set; }

    public ulong ULong { get; set; }

    public double Double { get; set; }

    public float Float { get; set; }

    public decimal Money { get; set; }

    public bool Flag { get; set; }

    public char Letter { get; set; }

    public Guid Guid { get; set; }

    public DateTime When { get; set; }

    public byte[]? Blob { get; set; }

    public Shade Shade { get; set; }

    public Tiny Tiny { get; set; }

    public int? MaybeInt { get; set; }

    public double? MaybeDouble { get; set; }

    public bool? MaybeFlag { get; set; }

    public DateTime? MaybeWhen { get; set; }

    public Guid? MaybeGuid { get; set; }

    [DynamoDBProperty("renamed")]
    public string? Renamed { get; set; }

    [DynamoDBIgnore]
    public string Ignored { get; set; } = "never stored";

    public string ReadOnly => "computed";

    [DynamoDBVersion]
    public long? Version { get; set; }
}

/// <summary>Lists, arrays, sets and dictionaries.</summary>
[DynamoDBTable("map_collections")]
public sealed class MapCollections
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

    public List<string>? Names { get; set; }

    public string[]? Array { get; set; }

    public List<int>? Numbers { get; set; }

    public HashSet<string>? Tags { get; set; }

    public HashSet<int>? Ints { get; set; }

    public HashSet<double>? Doubles { get; set; }

    public HashSet<byte[]>? Blobs { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, int>? Counts { get; set; }

    public List<List<int>>? Grid { get; set; }

    public List<DateTime>? Dates { get; set; }

    public List<bool>? Flags { get; set; }

    public List<Shade>? Shades { get; set; }
}

/// <summary>Nested classes as maps, two levels deep, in lists and dictionaries too.</summary>
[DynamoDBTable("map_nested")]
public sealed class MapNested
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

    public Address? Home { get; set; }

    public List<Address>? Others { get; set; }

    public Dictionary<string, Address>? ByName { get; set; }
}

/// <summary>A nested class with a renamed property and a class inside it.</summary>
public sealed class Address
{
    [DynamoDBProperty("street")]
    public string? Street { get; set; }

    public int Number { get; set; }

    public Point? Location { get; set; }

    public List<string>? Lines { get; set; }

    public DateTime Since { get; set; }
}

/// <summary>The innermost nested class.</summary>
public sealed class Point
{
    public double X { get; set; }

    public double Y { get; set; }
}

/// <summary>Epoch dates (32- and 64-bit seconds) and property converters.</summary>
[DynamoDBTable("map_epoch")]
public sealed class MapEpochConverted
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

#pragma warning disable CS0618 // StoreAsEpoch is what older classes use; it must keep working
    [DynamoDBProperty(StoreAsEpoch = true)]
    public DateTime Created { get; set; }
#pragma warning restore CS0618

    [DynamoDBProperty(StoreAsEpochLong = true)]
    public DateTime? Expires { get; set; }

    [DynamoDBProperty("price", typeof(PriceConverter))]
    public Price? Price { get; set; }

    [DynamoDBProperty(typeof(UpperConverter))]
    public string? Code { get; set; }
}

/// <summary>A value stored through a converter as "amount currency".</summary>
public sealed record Price(decimal Amount, string Currency);

/// <summary>Stores a <see cref="Price"/> as one string.</summary>
public sealed class PriceConverter : IPropertyConverter
{
    public DynamoDBEntry ToEntry(object value) =>
        new Primitive(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{((Price)value).Amount} {((Price)value).Currency}"));

    public object FromEntry(DynamoDBEntry entry)
    {
        var parts = entry.AsString().Split(' ', 2);
        return new Price(decimal.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]);
    }
}

/// <summary>Stores strings upper-cased and reads them lower-cased (so a test can see the converter ran both ways).</summary>
public sealed class UpperConverter : IPropertyConverter
{
    public DynamoDBEntry ToEntry(object value) => new Primitive(((string)value).ToUpperInvariant());

    public object FromEntry(DynamoDBEntry entry) => entry.AsString().ToLowerInvariant();
}

/// <summary>Falls back: a public field (the SDK stores public fields; the compiled mapping does not).</summary>
[DynamoDBTable("map_field")]
public sealed class MapWithField
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

#pragma warning disable CA1051, SA1401
    public string Note = string.Empty;
#pragma warning restore CA1051, SA1401
}

/// <summary>Compiled: a nullable enum, stored as the SDK stores it (a map of the boxed enum's field, {"value__": n}).</summary>
[DynamoDBTable("map_nullable_enum")]
public sealed class MapNullableEnum
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

    public Shade? Shade { get; set; }
}

/// <summary>Compiled: an atomic counter (a save adds to it; the value is stored as any long?).</summary>
[DynamoDBTable("map_counter")]
public sealed class MapCounter
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

    [DynamoDBAtomicCounter]
    public long? Hits { get; set; }
}

/// <summary>Falls back: a class that contains itself.</summary>
[DynamoDBTable("map_tree")]
public sealed class MapTree
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

    public Node? Root { get; set; }
}

/// <summary>A recursive nested class.</summary>
public sealed class Node
{
    public string Name { get; set; } = string.Empty;

    public List<Node>? Children { get; set; }
}
/// <summary>A table class others derive from.</summary>
[DynamoDBTable("map_open")]
#pragma warning disable CA1852 // derived from below, on purpose
public class MapOpen
#pragma warning restore CA1852
{
    [DynamoDBHashKey]
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;
}

/// <summary>An instance of this is saved through <c>Table&lt;MapOpen&gt;</c>.</summary>
public sealed class MapOpenDerived : MapOpen
{
    public string Extra { get; set; } = string.Empty;
}
#pragma warning restore CA1819, CA2227, CA1002

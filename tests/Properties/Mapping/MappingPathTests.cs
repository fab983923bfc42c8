using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Mapping;

/// <summary>
/// Which classes the compiled mapping covers and which fall back to the SDK (visibly, with the reason), and what
/// happens to items and stored forms the compiled mapping leaves to the SDK: they come out exactly as DynamoDBContext
/// makes them.
/// </summary>
public sealed class MappingPathTests : IDisposable
{
    private readonly SdkOracle oracle = new();

    public static TheoryData<Type> CompiledClasses() =>
        [typeof(MapScalars), typeof(MapCollections), typeof(MapNested), typeof(MapEpochConverted), typeof(MapNullableEnum), typeof(MapCounter), typeof(User), typeof(Order), typeof(Event), typeof(CatalogItem)];

    public static TheoryData<Type, string> FallbackClasses() => new()
    {
        { typeof(MapWithField), "MapWithField.Note is a public field" },
        { typeof(MapTree), "Node contains itself" },
    };

    [Theory]
    [MemberData(nameof(CompiledClasses))]
    public void Classes_within_the_covered_rules_use_the_compiled_mapping(Type type)
    {
        var table = Describe(type);
        Assert.Equal(ItemMappingPath.Compiled, table.MappingPath);
        Assert.Null(table.MappingFallbackReason);
    }

    [Theory]
    [MemberData(nameof(FallbackClasses))]
    public void Classes_outside_them_use_the_SDK_and_say_why(Type type, string reason)
    {
        var table = Describe(type);
        Assert.Equal(ItemMappingPath.Sdk, table.MappingPath);
        Assert.Contains(reason, table.MappingFallbackReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fallback_class_is_stored_and_read_as_DynamoDBContext_does()
    {
        var table = DynamoTable.Of<MapNullableEnum>();
        var item = new MapNullableEnum { Id = "n", Shade = Shade.Blue };
        var ours = oracle.OurSave(table, item);
        Assert.Equal(oracle.SdkSave(item), ours);
        Assert.Equal(Shade.Blue, table.Mapper.FromAttributes(oracle.Unmarshal(ours)).Shade);

        var fields = DynamoTable.Of<MapWithField>();
        var withField = new MapWithField { Id = "f", Note = "kept" };
        Assert.Equal(oracle.SdkSave(withField), oracle.OurSave(fields, withField));
        Assert.Contains("kept", oracle.OurSave(fields, withField), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Long", """{"S":"12"}""")]
    [InlineData("Flag", """{"N":"1"}""")]
    [InlineData("Text", """{"NULL":true}""")]
    [InlineData("MaybeInt", """{"NULL":true}""")]
    [InlineData("Shade", """{"S":"Green"}""")]
    [InlineData("When", """{"S":"2024-01-02T03:04:05Z"}""")]
    public void A_stored_form_the_compiled_mapping_does_not_write_is_read_as_DynamoDBContext_reads_it(string attribute, string value)
    {
        var table = DynamoTable.Of<MapScalars>();
        var stored = JsonNode.Parse(oracle.SdkSave(new MapScalars { Id = "x", Seq = 1, Text = "t", MaybeInt = 4 }))!.AsObject();
        stored[attribute] = JsonNode.Parse(value);
        var json = stored.ToJsonString();

        var expected = oracle.SdkLoad<MapScalars>(json, "x", 1);
        var ours = table.Mapper.FromAttributes(oracle.Unmarshal(json));
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(expected),
            System.Text.Json.JsonSerializer.Serialize(ours));
    }

    [Fact]
    public void A_null_inside_a_list_is_refused_as_DynamoDBContext_refuses_it()
    {
        var table = DynamoTable.Of<MapCollections>();
        var item = new MapCollections { Id = "n", Names = ["a", null!] };
        var sdk = Record.Exception(() => oracle.SdkSave(item));
        var ours = Record.Exception(() => table.Mapper.ToAttributes(item));
        Assert.NotNull(sdk);
        Assert.NotNull(ours);
        Assert.Equal(sdk.GetType(), ours.GetType());
    }

    [Fact]
    public void Empty_strings_are_kept_at_every_level()
    {
        var item = new MapNested { Id = "e", Home = new Address { Street = string.Empty, Lines = [string.Empty] }, ByName = new() { ["k"] = new Address { Street = string.Empty } } };
        var map = DynamoTable.Of<MapNested>().Mapper.ToAttributes(item);
        Assert.Equal(string.Empty, map["Home"].M["street"].S);
        Assert.Equal(string.Empty, map["Home"].M["Lines"].L.Single().S);
        Assert.Equal(string.Empty, map["ByName"].M["k"].M["street"].S);
        Assert.Equal(oracle.SdkSave(item), oracle.OurSave(DynamoTable.Of<MapNested>(), item));
    }

    [Fact]
    public void Epoch_dates_are_numbers_within_their_range_and_text_beyond_it_as_the_SDK_stores_them()
    {
        var table = DynamoTable.Of<MapEpochConverted>();
        var inRange = new MapEpochConverted { Id = "a", Created = new DateTime(2024, 1, 2, 3, 4, 5, 500, DateTimeKind.Utc), Expires = new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var map = table.Mapper.ToAttributes(inRange);
        Assert.Equal("1704164646", map["Created"].N); // .5 s rounds to even, as the SDK's conversion does
        Assert.Equal("7258118400", map["Expires"].N);

        var beyond = new MapEpochConverted { Id = "b", Created = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        Assert.Equal("2100-01-01T00:00:00.000Z", table.Mapper.ToAttributes(beyond)["Created"].S);
        foreach (var item in new[] { inRange, beyond })
        {
            Assert.Equal(oracle.SdkSave(item), oracle.OurSave(table, item));
        }

        // Data written by the earlier mapping (ISO text for an epoch property) still reads.
        var text = new Dictionary<string, AttributeValue> { ["Id"] = new() { S = "c" }, ["Created"] = new() { S = "2024-01-02T03:04:05.000Z" } };
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), table.Mapper.FromAttributes(text).Created);
    }

    [Fact]
    public void Epoch_seconds_are_rounded_from_the_millisecond_as_the_SDK_rounds_them()
    {
        // The SDK rounds the millisecond text's seconds (half to even): the ticks below a millisecond never count.
        var table = DynamoTable.Of<MapEpochConverted>();
        foreach (var ticks in new[] { 1L, 4_999L, 5_000L, 9_999L })
        {
            var item = new MapEpochConverted { Id = "r", Created = new DateTime(1965, 12, 25, 3, 48, 0, 500, DateTimeKind.Utc).AddTicks(ticks) };
            Assert.Equal(oracle.SdkSave(item), oracle.OurSave(table, item));
            Assert.Equal("-126821520", table.Mapper.ToAttributes(item)["Created"].N);
        }
    }

    [Fact]
    public void A_subclass_instance_is_stored_as_the_SDK_stores_it()
    {
        // The compiled mapping leaves a subclass instance to the SDK, which stores what the declared class maps.
        var table = DynamoTable.Of<MapOpen>();
        Assert.Equal(ItemMappingPath.Compiled, table.MappingPath);
        var derived = new MapOpenDerived { Id = "d", Name = "n", Extra = "x" };
        var sdk = table.Mapper.ToAttributesBySdk(derived);
        var ours = table.Mapper.ToAttributes(derived);
        Assert.Equal(sdk.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Extra", ours.Keys); // the SDK stores the declared class's properties only
        Assert.Equal(table.Mapper.ToAttributesBySdk(new MapOpen { Id = "d", Name = "n" }).Keys.Order(StringComparer.Ordinal), table.Mapper.ToAttributes(new MapOpen { Id = "d", Name = "n" }).Keys.Order(StringComparer.Ordinal));
    }

    public void Dispose() => oracle.Dispose();

    private static DynamoTable Describe(Type type) =>
        (DynamoTable)typeof(DynamoTable).GetMethod(nameof(DynamoTable.Of))!.MakeGenericMethod(type).Invoke(null, null)!;
}

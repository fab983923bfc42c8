using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SessionEffects.Properties.Mapping;

/// <summary>
/// Differential properties of the compiled item mapping against the SDK's <c>DynamoDBContext</c>, on the wire: for
/// random instances of several classes, the item our save path sends equals the one <c>SaveAsync</c> sends, and
/// reading that stored item gives the object <c>LoadAsync</c> gives — which, for values that survive the trip, is the
/// original. The classes are on the compiled path (checked first), so this compares two implementations, not one.
/// </summary>
public sealed class MappingDifferentialProperties : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };
    private readonly SdkOracle oracle = new();

    [Property(MaxTest = 150, Arbitrary = [typeof(MappingGenerators)])]
    public Property Scalars_are_stored_and_read_as_DynamoDBContext_does(MapScalars item) =>
        Check(item, item.Id, item.Seq, expectOriginal: true);

    [Property(MaxTest = 150, Arbitrary = [typeof(MappingGenerators)])]
    public Property Collections_are_stored_and_read_as_DynamoDBContext_does(MapCollections item) =>
        Check(item, item.Id, null, expectOriginal: true);

    [Property(MaxTest = 150, Arbitrary = [typeof(MappingGenerators)])]
    public Property Nested_classes_are_stored_and_read_as_DynamoDBContext_does(MapNested item) =>
        Check(item, item.Id, null, expectOriginal: true);

    // Epoch dates lose their milliseconds (rounded as the SDK rounds) and the converter lower-cases on the way back,
    // so here the read is compared with the SDK's reading only.
    [Property(MaxTest = 150, Arbitrary = [typeof(MappingGenerators)])]
    public Property Epoch_dates_and_converters_are_stored_and_read_as_DynamoDBContext_does(MapEpochConverted item) =>
        Check(item, item.Id, null, expectOriginal: false);

    public void Dispose() => oracle.Dispose();

    private Property Check<T>(T item, object hashKey, object? rangeKey, bool expectOriginal)
        where T : class, new()
    {
        var table = DynamoTable.Of<T>();
        if (table.MappingPath != ItemMappingPath.Compiled)
        {
            return false.Label($"{typeof(T).Name} is not on the compiled path: {table.MappingFallbackReason}");
        }

        var original = Show(item);

        // Ours first: DynamoDBContext.SaveAsync stores the next version in the object afterwards.
        var ours = oracle.OurSave(table, item);
        var sdk = oracle.SdkSave(item);
        var sdkRead = Show(oracle.SdkLoad<T>(SdkOracle.ItemOf(sdk), hashKey, rangeKey));
        var ourRead = Show(table.Mapper.FromAttributes(oracle.Unmarshal(SdkOracle.ItemOf(sdk))));
        var ourRoundTrip = Show(table.Mapper.FromAttributes(oracle.Unmarshal(SdkOracle.ItemOf(ours))));

        // A versioned save stores version 0 (new) or the next one; the original is compared as it was saved.
        var expected = expectOriginal ? Show(WithVersionOf(item, sdkRead)) : sdkRead;
        return (ours == sdk).Label($"stored items differ:\n ours {ours}\n sdk  {sdk}")
            .And((ourRead == sdkRead).Label($"reads of the SDK's item differ:\n ours {ourRead}\n sdk  {sdkRead}"))
            .And((ourRoundTrip == expected).Label($"round trip differs:\n ours     {ourRoundTrip}\n expected {expected}\n original {original}"));
    }

    private static T WithVersionOf<T>(T item, string read)
    {
        if (item is MapScalars s)
        {
            s.Version = JsonNode.Parse(read)!["Version"]!.GetValue<long?>();
        }

        return item;
    }

    // Canonical JSON: a dictionary read back holds the same entries in the stored map's order.
    private static string Show<T>(T value) => SdkOracle.Canonical(JsonNode.Parse(JsonSerializer.Serialize(value, Json)));
}

using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SessionEffects.Benchmarks.Infrastructure;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Mapping alone, per item, no I/O: an order's attribute map (as the client unmarshals the recorded GetItem) to an
/// object and back, through the compiled mapping, the SDK's document path (what <c>ItemMapper</c> used for every class
/// before, and still uses for classes it falls back on) and hand-written code. Goal (issue #18): ours / SDK ≤ 0.3.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MappingBenchmarks
{
    private static readonly DynamoTable<BenchOrder> Table = SessionEffects.DynamoTable.Of<BenchOrder>();
    private readonly BenchOrder order = BenchOrder.Make("c1", 1);
    private Dictionary<string, AttributeValue> stored = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var canned = new CannedDynamo().Answer("GetItem", CannedResponses.Recorded("GetItem"));
        using var client = canned.Client("Mapping");
        stored = (await client.GetItemAsync(new GetItemRequest { TableName = Table.Name, Key = HandMapping.Key("c1", 1) })).Item;
        HandMapping.ExpectSame(order, Table.Mapper.FromAttributes(stored), "compiled mapping");
        HandMapping.ExpectSame(order, Table.Mapper.FromAttributesBySdk(stored), "SDK document path");
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Read")]
    public BenchOrder Read_Sdk() => Table.Mapper.FromAttributesBySdk(stored);

    [Benchmark]
    [BenchmarkCategory("Read")]
    public BenchOrder Read_Compiled() => Table.Mapper.FromAttributes(stored);

    [Benchmark]
    [BenchmarkCategory("Read")]
    public BenchOrder Read_Hand() => HandMapping.FromAttributes(stored);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Write")]
    public Dictionary<string, AttributeValue> Write_Sdk() => Table.Mapper.ToAttributesBySdk(order);

    [Benchmark]
    [BenchmarkCategory("Write")]
    public Dictionary<string, AttributeValue> Write_Compiled() => Table.Mapper.ToAttributes(order);

    [Benchmark]
    [BenchmarkCategory("Write")]
    public Dictionary<string, AttributeValue> Write_Hand() => HandMapping.ToAttributes(order);
}

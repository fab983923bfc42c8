using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Client-side cost of a mirrored write (#24): a save through <c>AwsSession.Mirrored</c> — the primary's PutItem, then
/// the same item state put to the secondary by the mirror's pipeline step — against the same save through a plain
/// session (the baseline). Both sides answer from canned bodies recorded from DynamoDB Local; the mirror's one
/// DescribeTable per table (its key names) is answered once in the setup, as a running application pays it once.
/// Expected: about two requests' worth.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
public class ClientMirrorBenchmarks
{
    private static readonly DynamoTable<BenchOrder> Table = SessionEffects.DynamoTable.Of<BenchOrder>();
    private readonly BenchOrder order = BenchOrder.Make("c1", 1);
    private AwsSession primary = null!;
    private AwsSession secondary = null!;
    private AwsSession mirrored = null!;
    private SessionEnv plainEnv;
    private SessionEnv mirroredEnv;

    [GlobalSetup]
    public async Task Setup()
    {
        var describe = CannedBody.Of("""
            {"Table":{"TableName":"bench_orders","TableStatus":"ACTIVE","KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"seq","KeyType":"RANGE"}],
            "AttributeDefinitions":[{"AttributeName":"customer","AttributeType":"S"},{"AttributeName":"seq","AttributeType":"N"}]}}
            """);
        // A save is an UpdateItem; the mirror asks for ALL_NEW and puts the item it gets back.
        var updated = CannedBody.Of("{\"Attributes\":" + Json(HandMapping.ToAttributes(order)) + "}");
        primary = new CannedDynamo().Answer("UpdateItem", updated).Answer("PutItem", CannedResponses.Recorded("PutItem")).Answer("DescribeTable", describe).Session("MirrorPrimary");
        secondary = new CannedDynamo().Answer("PutItem", CannedResponses.Recorded("PutItem")).Session("MirrorSecondary");
        mirrored = AwsSession.Mirrored(primary, secondary, new MirrorOptions { Strict = true });
        plainEnv = SessionEnv.New(primary);
        mirroredEnv = SessionEnv.New(mirrored);
        (await Plain_Save()).ThrowIfFail();
        (await Mirrored_Save()).ThrowIfFail();
        if (mirrored.Mirror!.Statistics.MirroredWrites != 1)
        {
            throw new System.InvalidOperationException("The warm-up save was not mirrored: the benchmark would measure a plain write.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        plainEnv.CancellationTokenSource.Dispose();
        mirroredEnv.CancellationTokenSource.Dispose();
        mirrored.Dispose();
        primary.Dispose();
        secondary.Dispose();
    }

    /// <summary>An attribute map as DynamoDB's JSON (the types a mapped order uses).</summary>
    private static string Json(System.Collections.Generic.Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item) =>
        "{" + string.Join(",", System.Linq.Enumerable.Select(item, kv => System.Text.Json.JsonSerializer.Serialize(kv.Key) + ":" + Value(kv.Value))) + "}";

    private static string Value(Amazon.DynamoDBv2.Model.AttributeValue v) =>
        v.S is not null ? "{\"S\":" + System.Text.Json.JsonSerializer.Serialize(v.S) + "}"
        : v.N is not null ? "{\"N\":\"" + v.N + "\"}"
        : v.IsBOOLSet ? "{\"BOOL\":" + (v.BOOL == true ? "true" : "false") + "}"
        : v.IsMSet ? "{\"M\":" + Json(v.M) + "}"
        : v.IsLSet ? "{\"L\":[" + string.Join(",", System.Linq.Enumerable.Select(v.L, Value)) + "]}"
        : v.SS is { Count: > 0 } ss ? "{\"SS\":" + System.Text.Json.JsonSerializer.Serialize(ss) + "}"
        : "{\"NULL\":true}";

    [Benchmark(Baseline = true)]
    public ValueTask<Fin<Unit>> Plain_Save() => Dynamo.save(Table, order).Run(plainEnv);

    [Benchmark]
    public ValueTask<Fin<Unit>> Mirrored_Save() => Dynamo.save(Table, order).Run(mirroredEnv);
}

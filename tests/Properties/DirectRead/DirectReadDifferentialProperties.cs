using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Benchmarks.ClientSide;
using SessionEffects.Properties.Mapping;

namespace SessionEffects.Properties.DirectRead;

/// <summary>
/// Differential properties of the direct read (response JSON straight into objects) against today's read (the SDK's
/// unmarshalling into attribute maps, then the table's mapping), from the same response bytes through the same session
/// client: for random items of the mapping test classes and the benchmark's order — every codec, nested maps, lists,
/// sets, nulls, empty strings, binary, numbers of every width — GetItem, Query and Scan pages and BatchGetItem give the
/// same objects (TransactGetItems too, part by part), counts, <c>LastEvaluatedKey</c>, <c>UnprocessedKeys</c> and capacity; and the direct read really read
/// them (no item left to the attribute-map path). Items with attributes in foreign forms give the same outcome either
/// way (the same object, or the same exception), the direct read leaving exactly those items to today's path.
/// </summary>
public sealed class DirectReadDifferentialProperties : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };
    private const string Capacity = "\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":1.5}";
    private readonly SdkOracle oracle = new();
    private readonly RecordedClient recorded = new();

    [Property(MaxTest = 60, Arbitrary = [typeof(MappingGenerators)])]
    public Property Scalars_read_directly_as_today(MapScalars[] items) => Check(items);

    [Property(MaxTest = 60, Arbitrary = [typeof(MappingGenerators)])]
    public Property Collections_read_directly_as_today(MapCollections[] items) => Check(items);

    [Property(MaxTest = 60, Arbitrary = [typeof(MappingGenerators)])]
    public Property Nested_classes_read_directly_as_today(MapNested[] items) => Check(items);

    [Property(MaxTest = 60, Arbitrary = [typeof(MappingGenerators)])]
    public Property Epoch_dates_and_converters_read_directly_as_today(MapEpochConverted[] items) => Check(items);

    [Property(MaxTest = 60, Arbitrary = [typeof(BenchOrderGenerators)])]
    public Property Orders_read_directly_as_today(BenchOrder[] items) => Check(items);

    [Property(MaxTest = 200, Arbitrary = [typeof(MappingGenerators)])]
    public Property Foreign_forms_give_the_same_outcome(MapScalars item, PositiveInt attribute, PositiveInt form) =>
        CheckForeign(item, attribute.Get, form.Get);

    [Property(MaxTest = 200, Arbitrary = [typeof(MappingGenerators)])]
    public Property Foreign_forms_in_collections_give_the_same_outcome(MapCollections item, PositiveInt attribute, PositiveInt form) =>
        CheckForeign(item, attribute.Get, form.Get);

    [Property(MaxTest = 100, Arbitrary = [typeof(MappingGenerators)])]
    public Property Foreign_forms_in_nested_classes_give_the_same_outcome(MapNested item, PositiveInt attribute, PositiveInt form) =>
        CheckForeign(item, attribute.Get, form.Get);

    public void Dispose()
    {
        oracle.Dispose();
        recorded.Dispose();
    }

    /// <summary>Attribute values in forms the compiled codecs do not write (other code's data), numbers of 38 digits among them.</summary>
    internal static readonly string[] Forms =
    [
        "{\"NULL\":true}", "{\"S\":\"text\"}", "{\"S\":\"\"}", "{\"N\":\"12345678901234567890123456789012345678\"}", "{\"N\":\"-9.9999999999999999999999999999999999999E+125\"}",
        "{\"N\":\"1\"}", "{\"N\":\"1.5\"}", "{\"BOOL\":true}", "{\"L\":[]}", "{\"L\":[{\"NULL\":true}]}", "{\"M\":{}}", "{\"M\":{\"value__\":{\"N\":\"2\"},\"x\":{\"N\":\"1\"}}}",
        "{\"SS\":[\"a\"]}", "{\"NS\":[\"1\",\"2\"]}", "{\"BS\":[\"AAE=\"]}", "{\"B\":\"AAE=\"}", "{\"S\":\"2024-01-02T03:04:05.678Z\"}", "{\"S\":\"x\"}",
    ];

    private Property Check<T>(T[] items)
        where T : class, new()
    {
        var table = DynamoTable.Of<T>();
        var stored = items.Select(i => SdkOracle.ItemOf(oracle.SdkSave(i))).ToList();
        var array = "[" + string.Join(",", stored) + "]";
        var last = "\"LastEvaluatedKey\":{\"k\":{\"S\":\"after\"},\"n\":{\"N\":\"-0.5E-3\"}}";

        // GetItem, of the first item (or of none).
        var getBody = stored.Count > 0 ? "{" + Capacity + ",\"Item\":" + stored[0] + "}" : "{" + Capacity + "}";
        var sdkGet = Sdk(getBody, c => c.GetItemAsync(GetRequest(), CancellationToken.None).GetAwaiter().GetResult());
        var directGet = (DirectGetItemResponse<T>)Sdk(getBody, c => c.GetItemAsync(GetRequest(), table.Mapper.DirectGetItem!, CancellationToken.None).GetAwaiter().GetResult());
        var getSame = Show(sdkGet.Item is { Count: > 0 } i ? table.Mapper.FromAttributes(i) : null) == Show(directGet.Found?.Resolve(table.Mapper))
            && Capacities(sdkGet.ConsumedCapacity) == Capacities(directGet.ConsumedCapacity) && (stored.Count == 0 || directGet.Found?.Value is not null);

        // A Query page and a Scan page of all of them.
        var pageBody = "{\"Count\":" + stored.Count + ",\"Items\":" + array + ",\"ScannedCount\":" + (stored.Count + 3) + "," + last + "," + Capacity + "}";
        var sdkQuery = Sdk(pageBody, c => c.QueryAsync(new QueryRequest { TableName = "t" }, CancellationToken.None).GetAwaiter().GetResult());
        var directQuery = (DirectQueryResponse<T>)Sdk(pageBody, c => c.QueryAsync(new QueryRequest { TableName = "t" }, table.Mapper.DirectQuery!, CancellationToken.None).GetAwaiter().GetResult());
        var sdkScan = Sdk(pageBody, c => c.ScanAsync(new ScanRequest { TableName = "t" }, CancellationToken.None).GetAwaiter().GetResult());
        var directScan = (DirectScanResponse<T>)Sdk(pageBody, c => c.ScanAsync(new ScanRequest { TableName = "t" }, table.Mapper.DirectScan!, CancellationToken.None).GetAwaiter().GetResult());
        var expectedPage = Show(sdkQuery.Items.Select(table.Mapper.FromAttributes).ToList());
        var querySame = expectedPage == Show(directQuery.Read.Select(r => r.Resolve(table.Mapper)).ToList()) && directQuery.Read.All(r => r.Value is not null)
            && sdkQuery.Count == directQuery.Count && sdkQuery.ScannedCount == directQuery.ScannedCount
            && Attributes(sdkQuery.LastEvaluatedKey) == Attributes(directQuery.LastEvaluatedKey) && Capacities(sdkQuery.ConsumedCapacity) == Capacities(directQuery.ConsumedCapacity);
        var scanSame = Show(sdkScan.Items.Select(table.Mapper.FromAttributes).ToList()) == Show(directScan.Read.Select(r => r.Resolve(table.Mapper)).ToList())
            && sdkScan.Count == directScan.Count && sdkScan.ScannedCount == directScan.ScannedCount
            && Attributes(sdkScan.LastEvaluatedKey) == Attributes(directScan.LastEvaluatedKey) && Capacities(sdkScan.ConsumedCapacity) == Capacities(directScan.ConsumedCapacity);

        // A BatchGetItem answer: the items by key identity, and the keys left unprocessed.
        var batchBody = "{\"ConsumedCapacity\":[{\"TableName\":\"t\",\"CapacityUnits\":2.0}],\"Responses\":{\"" + table.Name + "\":" + array
            + "},\"UnprocessedKeys\":{\"" + table.Name + "\":{\"ConsistentRead\":true,\"Keys\":[{\"k\":{\"S\":\"left\"}},{\"k\":{\"N\":\"7\"}}]}}}";
        var sdkBatch = Sdk(batchBody, c => c.BatchGetItemAsync(new BatchGetItemRequest(), CancellationToken.None).GetAwaiter().GetResult());
        var directBatch = (DirectBatchGetResponse<T>)Sdk(batchBody, c => c.BatchGetItemAsync(new BatchGetItemRequest(), table.Mapper.DirectBatchGet!, CancellationToken.None).GetAwaiter().GetResult());
        var sdkFound = Show((sdkBatch.Responses.GetValueOrDefault(table.Name) ?? []).Select(i => KeyValuePair.Create(KeyIdentity.Of(table, i), table.Mapper.FromAttributes(i))).ToList());
        var directFound = Show(directBatch.Read.Select(r => KeyValuePair.Create(r.KeyId, r.Item.Resolve(table.Mapper))).ToList());
        var unprocessed = sdkBatch.UnprocessedKeys.Select(kv => kv.Key + ":" + kv.Value.ConsistentRead + ":" + string.Join(";", kv.Value.Keys.Select(Attributes)));
        var directUnprocessed = directBatch.UnprocessedKeys.Select(kv => kv.Key + ":" + kv.Value.ConsistentRead + ":" + string.Join(";", kv.Value.Keys.Select(Attributes)));
        var batchSame = sdkFound == directFound && unprocessed.SequenceEqual(directUnprocessed) && Capacities(sdkBatch.ConsumedCapacity) == Capacities(directBatch.ConsumedCapacity)
            && directBatch.Read.All(r => r.Item.Value is not null);

        // A TransactGetItems answer: one entry per part, an empty one (no item) between the items.
        var transactBody = "{\"ConsumedCapacity\":[{\"TableName\":\"t\",\"CapacityUnits\":2.0}],\"Responses\":[" + string.Join(",{},", stored.Select(j => "{\"Item\":" + j + "}")) + "]}";
        var parts = Math.Max(0, (2 * stored.Count) - 1);
        var sdkTransact = Sdk(transactBody, c => c.TransactGetItemsAsync(new TransactGetItemsRequest(), CancellationToken.None).GetAwaiter().GetResult());
        var directTransact = (DirectTransactGetResponse)Sdk(transactBody, c => c.TransactGetItemsAsync(
            new TransactGetItemsRequest(), new DirectTransactGet([.. Enumerable.Repeat(table.Mapper.DirectPart!, parts)]), CancellationToken.None).GetAwaiter().GetResult());
        var sdkParts = Show(sdkTransact.Responses.Select(r => r.Item is { Count: > 0 } i ? table.Mapper.FromAttributes(i) : null).ToList());
        var directParts = Show(directTransact.Read.Select(r => (T?)r.Value ?? (r.Stored is { Count: > 0 } s ? table.Mapper.FromAttributes(s) : null)).ToList());
        var transactSame = sdkParts == directParts && directTransact.Read.Count == parts && Capacities(sdkTransact.ConsumedCapacity) == Capacities(directTransact.ConsumedCapacity)
            && directTransact.Read.Where((_, i) => i % 2 == 0).All(r => r.Value is not null);

        return getSame.Label($"GetItem differs: {getBody}")
            .And(transactSame.Label($"TransactGetItems differs:\n sdk    {sdkParts}\n direct {directParts}"))
            .And(querySame.Label($"Query page differs:\n sdk    {expectedPage}\n direct {Show(directQuery.Read.Select(r => r.Resolve(table.Mapper)).ToList())}"))
            .And(scanSame.Label("Scan page differs"))
            .And(batchSame.Label($"BatchGetItem differs:\n sdk    {sdkFound}\n direct {directFound}"));
    }

    private Property CheckForeign<T>(T item, int attribute, int form)
        where T : class, new()
    {
        var table = DynamoTable.Of<T>();
        var stored = JsonNode.Parse(SdkOracle.ItemOf(oracle.SdkSave(item)))!.AsObject();
        var names = stored.Select(p => p.Key).ToList();
        var name = names[attribute % names.Count];
        stored[name] = JsonNode.Parse(Forms[form % Forms.Length]);
        var body = "{\"Item\":" + stored.ToJsonString() + "}";
        var before = table.Mapper.DirectReadFallbacks;
        var sdk = Outcome(() =>
        {
            var read = Sdk(body, c => c.GetItemAsync(GetRequest(), CancellationToken.None).GetAwaiter().GetResult());
            return table.Mapper.FromAttributes(read.Item);
        });
        var direct = Outcome(() =>
        {
            var read = (DirectGetItemResponse<T>)Sdk(body, c => c.GetItemAsync(GetRequest(), table.Mapper.DirectGetItem!, CancellationToken.None).GetAwaiter().GetResult());
            return read.Found!.Value.Resolve(table.Mapper);
        });
        return (sdk == direct).Label($"{name} = {Forms[form % Forms.Length]}:\n sdk    {sdk}\n direct {direct}")
            .And((table.Mapper.DirectReadFallbacks >= before).Label("fallback count went back"));
    }

    private S Sdk<S>(string body, Func<SessionDynamoClient, S> call)
    {
        recorded.Answer(body);
        return call(recorded.Client);
    }

    private static GetItemRequest GetRequest() => new() { TableName = "t", Key = new() { ["k"] = new AttributeValue { S = "k" } } };

    private static string Outcome(Func<object?> read)
    {
        try
        {
            return Show(read());
        }
        catch (Exception ex)
        {
            return $"throws {ex.GetType().FullName}: {ex.Message}";
        }
    }

    internal static string Attributes(Dictionary<string, AttributeValue>? map) =>
        map is null ? "null" : map.Count == 0 ? "{}" : Document.FromAttributeMap(map).ToJson();

    private static string Capacities(ConsumedCapacity? c) => c is null ? "null" : $"{c.TableName}={c.CapacityUnits}";

    private static string Capacities(List<ConsumedCapacity>? cs) => cs is null ? "null" : string.Join(",", cs.Select(Capacities));

    private static string Show<V>(V value) => SdkOracle.Canonical(JsonNode.Parse(JsonSerializer.Serialize(value, Json)));
}

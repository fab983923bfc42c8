using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2.Model.Internal.MarshallTransformations;
using SessionEffects.Benchmarks.ClientSide;

namespace SessionEffects.Benchmarks.Alternating;

/// <summary>
/// The direct read's comparisons (issue #26), alternating like the others: <c>--client-alternate direct-get</c>,
/// <c>direct-query</c>, <c>direct-scan</c>, <c>direct-batchget</c> (the raw SDK + hand mapping as the baseline,
/// the read before #26 — the SDK's attribute maps mapped by the compiled mapping —, the direct read alone, the core and
/// DynamoDBContext), <c>direct-bytes</c> (bytes allocated per item read, against the object's own size) and
/// <c>pieces-write</c> (what share of a write the SDK's request marshalling is).
/// </summary>
internal static class DirectReadAlternating
{
    public static async Task<bool> RunAsync(string name, int rounds)
    {
        switch (name)
        {
            case "direct-get":
                {
                    const int ops = 2000;
                    var b = new ClientGetItemBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner($"client-side GetItem, direct read, {ops} per run", rounds)
                        .Add("raw SDK + hand mapping", () => Repeat(ops, b.Raw_GetItem_HandMapped), operations: ops)
                        .Add("SDK attribute maps + compiled mapping (before #26)", () => Repeat(ops, b.Sdk_GetItem_CompiledMapping), operations: ops)
                        .Add("direct read alone", () => Repeat(ops, b.Direct_GetItem), operations: ops)
                        .Add("core get", () => Repeat(ops, async () => await b.Core_Get()), operations: ops)
                        .Add("facade GetAsync", () => Repeat(ops, b.Facade_GetAsync), operations: ops)
                        .Add("DynamoDBContext LoadAsync", () => Repeat(ops, b.Context_LoadAsync), operations: ops)
                        .Add("core get (vs DynamoDBContext)", () => Repeat(ops, async () => await b.Core_Get()), operations: ops, baseline: "DynamoDBContext LoadAsync")
                        .RunAsync();
                    b.Cleanup();
                    return true;
                }

            case "direct-query":
                foreach (var (items, ops) in new[] { (10, 500), (100, 60), (1000, 6) })
                {
                    var b = new ClientQueryBenchmarks { Items = items };
                    await b.Setup();
                    await new AlternatingRunner($"client-side Query of {items} items, direct read, {ops} per run", rounds)
                        .Add("raw SDK + hand mapping", () => Repeat(ops, b.Raw_Query_HandMapped), operations: ops)
                        .Add("SDK attribute maps + compiled mapping (before #26)", () => Repeat(ops, b.Sdk_Query_CompiledMapping), operations: ops)
                        .Add("direct read alone", () => Repeat(ops, b.Direct_Query), operations: ops)
                        .Add("core query", () => Repeat(ops, async () => await b.Core_Query()), operations: ops)
                        .Add("core fetch (LINQ)", () => Repeat(ops, async () => await b.Core_Fetch()), operations: ops)
                        .Add("facade QueryAsync", () => Repeat(ops, b.Facade_QueryAsync), operations: ops)
                        .Add("DynamoDBContext QueryAsync", () => Repeat(ops, b.Context_QueryAsync), operations: ops)
                        .Add("core query (vs DynamoDBContext)", () => Repeat(ops, async () => await b.Core_Query()), operations: ops, baseline: "DynamoDBContext QueryAsync")
                        .RunAsync();
                    b.Cleanup();
                }

                return true;

            case "direct-scan":
                {
                    var b = new ClientWriteBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner("client-side Scan page of 100, direct read, 60 per run", rounds)
                        .Add("raw SDK + hand mapping", () => Repeat(60, b.Raw_ScanPage_HandMapped), operations: 60)
                        .Add("SDK attribute maps + compiled mapping (before #26)", () => Repeat(60, b.Sdk_ScanPage_CompiledMapping), operations: 60)
                        .Add("core scanPage", () => Repeat(60, async () => await b.Core_ScanPage()), operations: 60)
                        .Add("DynamoDBContext FromScanAsync page", () => Repeat(60, b.Context_ScanPage), operations: 60)
                        .RunAsync();
                    b.Cleanup();
                    return true;
                }

            case "direct-batchget":
                {
                    var b = new ClientBatchGetBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner("client-side batch get of 1,000 keys, direct read, 5 per run", rounds)
                        .Add("raw SDK loop + hand mapping", () => Repeat(5, b.Raw_BatchGet_HandLoop), operations: 5)
                        .Add("core batchGet", () => Repeat(5, async () => await b.Core_BatchGet()), operations: 5)
                        .Add("DynamoDBContext CreateBatchGet", () => Repeat(5, b.Context_BatchGet), operations: 5)
                        .RunAsync();
                    b.Cleanup();
                    return true;
                }

            case "direct-bytes":
                await Bytes();
                return true;

            case "pieces-write":
                {
                    var table = DynamoTable.Of<BenchOrder>();
                    var order = BenchOrder.Make("c1", 1);
                    var batch = Enumerable.Range(0, 25).Select(i => BenchOrder.Make("c1", i)).ToList();
                    var b = new ClientWriteBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner("client-side writes, pieces, 1000 per run", rounds)
                        .Add("raw PutItem + hand mapping (whole call)", () => Repeat(1000, b.Raw_PutItem_HandMapped), operations: 1000)
                        .Add("PutItem: compiled mapping only", () => Repeat(1000, () => Task.FromResult(table.Mapper.ToAttributes(order))), operations: 1000)
                        .Add("PutItem: SDK request marshalling only", () => Repeat(1000, () => Task.FromResult(PutItemRequestMarshaller.Instance.Marshall(
                            new PutItemRequest { TableName = table.Name, Item = table.Mapper.ToAttributes(order) }))), operations: 1000)
                        .Add("core save (UpdateItem, whole call)", () => Repeat(1000, async () => await b.Core_Save()), operations: 1000)
                        .Add("save: SDK UpdateItem marshalling only", () => Repeat(1000, () => Task.FromResult(UpdateItemRequestMarshaller.Instance.Marshall(
                            ItemWrites.Save(table, order, null).In(table.Name).ToUpdateRequest()))), operations: 1000)
                        .Add("BatchWriteItem of 25: SDK marshalling only (vs raw PutItem)", () => Repeat(40, () => Task.FromResult(BatchWriteItemRequestMarshaller.Instance.Marshall(
                            new BatchWriteItemRequest { RequestItems = new() { [table.Name] = batch.ConvertAll(o => new WriteRequest(new PutRequest(table.Mapper.ToAttributes(o)))) } }))), operations: 1000)
                        .RunAsync();
                    b.Cleanup();
                    return true;
                }

            default:
                return false;
        }
    }

    /// <summary>
    /// Bytes allocated per order read, sequentially (nothing else runs), for each path, against the order's own size:
    /// the bytes of a deep copy of a read order (its object, strings, set and boxes).
    /// </summary>
    private static async Task Bytes()
    {
        var q = new ClientQueryBenchmarks { Items = 1000 };
        await q.Setup();
        var orders = await q.Direct_Query();
        var own = Allocated(() => orders.ConvertAll(Copy)) / orders.Count;
        Console.WriteLine($"// BenchOrder's own size (deep copy of a read order): {own:F0} B");
        foreach (var (name, read) in new (string, Func<Task<int>>)[]
        {
            ("raw SDK + hand mapping", async () => (await q.Raw_Query_HandMapped()).Count),
            ("SDK attribute maps + compiled mapping (before #26)", async () => (await q.Sdk_Query_CompiledMapping()).Count),
            ("direct read alone", async () => (await q.Direct_Query()).Count),
            ("core query", async () => (await q.Core_Query()).Match(s => s.Count, e => throw e.ToException())),
            ("DynamoDBContext QueryAsync", async () => (await q.Context_QueryAsync()).Count),
        })
        {
            await read();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var count = 0;
            for (var i = 0; i < 5; i++)
            {
                count += await read();
            }

            var perItem = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)count;
            Console.WriteLine($"{name,-55} {perItem,8:F0} B per item read (Query of 1,000), {perItem / own:F2} × the object's own size");
        }

        q.Cleanup();
    }

    private static double Allocated(Func<object> make)
    {
        make();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        GC.KeepAlive(make());
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static BenchOrder Copy(BenchOrder o) => new()
    {
        Customer = new string(o.Customer),
        Seq = o.Seq,
        Name = new string(o.Name),
        Total = o.Total,
        Quantity = o.Quantity,
        PlacedAt = o.PlacedAt,
        Status = o.Status,
        Paid = o.Paid,
        Tags = o.Tags is null ? null : new HashSet<string>(o.Tags.Select(t => new string(t))),
        Note = o.Note is null ? null : new string(o.Note),
    };

    private static async Task Repeat<R>(int times, Func<Task<R>> op)
    {
        for (var i = 0; i < times; i++)
        {
            await op();
        }
    }
}

using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Benchmarks.ClientSide;

namespace SessionEffects.Benchmarks.Alternating;

/// <summary>
/// <c>-- --client-alternate NAME [--rounds N]</c>: the client-side suite's time ratios, measured like the end-to-end
/// ones — the cases of one comparison alternating in one process, many operations per run, median ratio and spread.
/// On a machine shared with other work this decides ratios near 1 that BenchmarkDotNet's separate processes cannot;
/// allocations come from the BenchmarkDotNet runs (they are exact there). NAME is <c>getitem</c>, <c>query</c>,
/// <c>writes</c>, <c>counted</c>, <c>batchget</c> or <c>flows</c>. The cases are the BenchmarkDotNet classes' own methods.
/// </summary>
internal static class ClientAlternating
{
    public static int Run(string[] args)
    {
        var name = args.SkipWhile(a => a != "--client-alternate").Skip(1).FirstOrDefault() ?? "getitem";
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(r => int.Parse(r, CultureInfo.InvariantCulture)).FirstOrDefault();
        RunAsync(name, rounds is 0 ? 30 : rounds).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(string name, int rounds)
    {
        Console.WriteLine($"// client-side, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        switch (name)
        {
            case "getitem":
                {
                    const int ops = 2000;
                    var b = new ClientGetItemBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner($"client-side GetItem, {ops} per run", rounds)
                        .Add("raw SDK + hand mapping", () => Repeat(ops, b.Raw_GetItem_HandMapped), operations: ops)
                        .Add("core get", () => Repeat(ops, async () => await b.Core_Get()), operations: ops)
                        .Add("facade GetAsync", () => Repeat(ops, b.Facade_GetAsync), operations: ops)
                        .Add("DynamoDBContext LoadAsync", () => Repeat(ops, b.Context_LoadAsync), operations: ops)
                        .Add("core useSession + get", () => Repeat(ops, async () => await b.Core_SwitchThenGet()), operations: ops, baseline: "core get")
                        .Add("core get, other session as default (no switch)", () => Repeat(ops, async () => await b.Core_GetOnOtherSession()), operations: ops, baseline: "core get")
                        .Add("facade UseSession + GetAsync", () => Repeat(ops, b.Facade_SwitchThenGetAsync), operations: ops, baseline: "facade GetAsync")
                        .Add("facade pool.Get + UseSession + GetAsync", () => Repeat(ops, b.Facade_PoolGetThenGetAsync), operations: ops, baseline: "facade GetAsync")
                        .RunAsync();
                    b.Cleanup();
                    break;
                }

            case "pieces":
                {
                    // Where the core's time over the raw call goes: the request through SessionCall alone, then the effect.
                    const int ops = 2000;
                    var b = new ClientGetItemBenchmarks();
                    await b.Setup();
                    var session = b.Session;
                    var table = SessionEffects.DynamoTable.Of<BenchOrder>();
                    var request = new Amazon.DynamoDBv2.Model.GetItemRequest { TableName = table.Name, Key = HandMapping.Key("c1", 1) };
                    await new AlternatingRunner($"client-side GetItem, pieces, {ops} per run", rounds)
                        .Add("raw GetItemAsync (prebuilt request, no mapping)", () => Repeat(ops, () => session.DynamoDB.GetItemAsync(request)), operations: ops)
                        .Add("SessionCall.Run(GetItemAsync)", () => Repeat(ops, () => SessionCall.Run(session, "GetItem", table, (db, ct) => db.GetItemAsync(request, ct), default)), operations: ops)
                        .Add("core get", () => Repeat(ops, async () => await b.Core_Get()), operations: ops)
                        .RunAsync();
                    b.Cleanup();
                    break;
                }

            case "pieces-batch":
                {
                    // Where core batchGet's time over the raw loop goes: key checks and identities, then the whole thing.
                    var b = new ClientBatchGetBenchmarks();
                    await b.Setup();
                    var table = SessionEffects.DynamoTable.Of<BenchOrder>();
                    var keys = Enumerable.Range(0, 1000).Select(s => ItemKey.Of(CannedResponses.BigCustomer, s)).ToList();
                    var items = (await b.Raw_BatchGet_HandLoop()).Select(o => table.Mapper.ToAttributes(o)).ToList();
                    await new AlternatingRunner("client-side batch get pieces, 5 per run", rounds)
                        .Add("raw SDK loop + hand mapping", () => Repeat(5, b.Raw_BatchGet_HandLoop), operations: 5)
                        .Add("ItemKeys.Distinct (1,000 keys)", () => Repeat(5, () => Task.FromResult(ItemKeys.Distinct(table, keys, "batchGet"))), operations: 5)
                        .Add("KeyIdentity of 1,000 items", () => Repeat(5, () => Task.FromResult(items.Select(i => KeyIdentity.Of(table, i)).Count())), operations: 5)
                        .Add("mapping 1,000 items", () => Repeat(5, () => Task.FromResult(items.Select(table.Mapper.FromAttributes).Count())), operations: 5)
                        .Add("core batchGet", () => Repeat(5, async () => await b.Core_BatchGet()), operations: 5)
                        .RunAsync();
                    b.Cleanup();
                    break;
                }

            case "query":
                foreach (var (items, ops) in new[] { (10, 500), (100, 60), (1000, 6) })
                {
                    var b = new ClientQueryBenchmarks { Items = items };
                    await b.Setup();
                    await new AlternatingRunner($"client-side Query of {items} items, {ops} per run", rounds)
                        .Add("raw SDK + hand mapping", () => Repeat(ops, b.Raw_Query_HandMapped), operations: ops)
                        .Add("core query", () => Repeat(ops, async () => await b.Core_Query()), operations: ops)
                        .Add("facade QueryAsync", () => Repeat(ops, b.Facade_QueryAsync), operations: ops)
                        .Add("DynamoDBContext QueryAsync", () => Repeat(ops, b.Context_QueryAsync), operations: ops)
                        .RunAsync();
                    b.Cleanup();
                }

                break;

            case "writes":
                {
                    var b = new ClientWriteBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner("client-side save (raw: PutItem; core, facade, DynamoDBContext: UpdateItem), 1000 per run", rounds)
                        .Add("raw SDK + hand mapping", () => Repeat(1000, b.Raw_PutItem_HandMapped), operations: 1000)
                        .Add("core save", () => Repeat(1000, async () => await b.Core_Save()), operations: 1000)
                        .Add("facade SaveAsync", () => Repeat(1000, async () => { await b.Facade_SaveAsync(); return 0; }), operations: 1000)
                        .Add("DynamoDBContext SaveAsync", () => Repeat(1000, async () => { await b.Context_SaveAsync(); return 0; }), operations: 1000)
                        .RunAsync();
                    await new AlternatingRunner("client-side BatchWriteItem of 25, 200 per run", rounds)
                        .Add("raw SDK + hand mapping", () => Repeat(200, async () => { await b.Raw_BatchWrite25_HandMapped(); return 0; }), operations: 200)
                        .Add("core batchSave", () => Repeat(200, async () => await b.Core_BatchSave25()), operations: 200)
                        .Add("DynamoDBContext CreateBatchWrite", () => Repeat(200, async () => { await b.Context_BatchWrite25(); return 0; }), operations: 200)
                        .RunAsync();
                    await new AlternatingRunner("client-side Scan page of 100, 60 per run", rounds)
                        .Add("raw SDK + hand mapping", () => Repeat(60, b.Raw_ScanPage_HandMapped), operations: 60)
                        .Add("core scanPage", () => Repeat(60, async () => await b.Core_ScanPage()), operations: 60)
                        .Add("DynamoDBContext FromScanAsync page", () => Repeat(60, b.Context_ScanPage), operations: 60)
                        .RunAsync();
                    b.Cleanup();
                    break;
                }

            case "counted":
                {
                    var b = new ClientCountedSaveBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner("client-side save of a class with a counter and a timestamp (UpdateItem, ALL_NEW), 1000 per run", rounds)
                        .Add("raw SDK, hand-written UpdateItem", () => Repeat(1000, b.Raw_UpdateItem_HandWritten), operations: 1000)
                        .Add("core save", () => Repeat(1000, async () => await b.Core_Save()), operations: 1000)
                        .Add("facade SaveAsync", () => Repeat(1000, async () => { await b.Facade_SaveAsync(); return 0; }), operations: 1000)
                        .Add("DynamoDBContext SaveAsync", () => Repeat(1000, async () => { await b.Context_SaveAsync(); return 0; }), operations: 1000)
                        .RunAsync();
                    b.Cleanup();
                    break;
                }

            case "batchget":
                {
                    var b = new ClientBatchGetBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner("client-side batch get of 1,000 keys, 5 per run", rounds)
                        .Add("raw SDK loop + hand mapping", () => Repeat(5, b.Raw_BatchGet_HandLoop), operations: 5)
                        .Add("core batchGet", () => Repeat(5, async () => await b.Core_BatchGet()), operations: 5)
                        .Add("DynamoDBContext CreateBatchGet", () => Repeat(5, b.Context_BatchGet), operations: 5)
                        .RunAsync();
                    b.Cleanup();
                    break;
                }

            case "flows":
                {
                    var b = new ClientFlowsBenchmarks();
                    await b.Setup();
                    await new AlternatingRunner("client-side 64 flows × 8 GetItems, time per GetItem, 4 invocations per run", rounds)
                        .Add("core, one session", () => Repeat(4, async () => { await b.Core_64Flows_OneSession(); return 0; }), operations: 4 * 512)
                        .Add("core, switching among 8", () => Repeat(4, async () => { await b.Core_64Flows_Switching8Sessions(); return 0; }), operations: 4 * 512)
                        .Add("facade, one session", () => Repeat(4, async () => { await b.Facade_64Flows_OneSession(); return 0; }), operations: 4 * 512)
                        .Add("facade, switching among 8", () => Repeat(4, async () => { await b.Facade_64Flows_Switching8Sessions(); return 0; }), operations: 4 * 512, baseline: "facade, one session")
                        .RunAsync();
                    b.Cleanup();
                    break;
                }

            default:
                if (!await DirectReadAlternating.RunAsync(name, rounds))
                {
                    throw new ArgumentException($"Unknown client-side comparison '{name}'.", nameof(name));
                }

                break;
        }

        Console.WriteLine($"// load average after: {LoadAverage()}");
    }

    private static async Task Repeat<R>(int times, Func<Task<R>> op)
    {
        for (var i = 0; i < times; i++)
        {
            await op();
        }
    }

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

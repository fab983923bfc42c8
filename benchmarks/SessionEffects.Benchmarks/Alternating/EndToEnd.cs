using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks.Alternating;

/// <summary>
/// <c>-- --e2e NAME [--rounds N]</c>: the end-to-end comparisons against DynamoDB Local that stay, run alternately in
/// one process (<see cref="AlternatingRunner"/>). NAME is <c>getitem</c>, <c>switch</c>, <c>flows</c>, <c>batchget</c>
/// (1,000 keys, issue #13), <c>scan</c> (100,000 items in 1/2/4/8 segments, #13) <c>backfill</c> (10,000 items, a mirrored table's backfill against copyTable, #24) or <c>copy</c> (100,000 items,
/// copyTable with 1/2/4/8 segments and copyItems against the hand-written sequential copy, #14). Not BenchmarkDotNet:
/// its per-case processes are exactly what made I/O ratios undecidable.
/// </summary>
internal static class EndToEnd
{
    private const string Key = "item-000001";
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;

    public static int Run(string[] args)
    {
        var name = args.SkipWhile(a => a != "--e2e").Skip(1).FirstOrDefault() ?? "getitem";
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(r => int.Parse(r, CultureInfo.InvariantCulture)).FirstOrDefault();
        RunAsync(name, rounds).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(string name, int rounds)
    {
        await using var local = await DynamoDbLocal.StartAsync();
        Console.WriteLine($"// DynamoDB Local at {local.Endpoint}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        switch (name)
        {
            case "getitem":
                await GetItem(local, rounds is 0 ? 15 : rounds);
                break;
            case "switch":
                await Switch(local, rounds is 0 ? 15 : rounds);
                break;
            case "flows":
                await Flows(local, rounds is 0 ? 15 : rounds);
                break;
            case "batchget":
                await BatchGet(local, rounds is 0 ? 15 : rounds);
                break;
            case "scan":
                await Scan(local, rounds is 0 ? 5 : rounds);
                break;
            case "copy":
                await Copy(local, rounds is 0 ? 3 : rounds);
                break;
            case "backfill":
                await BackfillAgainstCopy(local, rounds is 0 ? 3 : rounds);
                break;
            default:
                throw new ArgumentException($"Unknown end-to-end comparison '{name}'.", nameof(name));
        }

        Console.WriteLine($"// load average after: {LoadAverage()}");
    }

    private static async Task<AwsSession> Account(DynamoDbLocal local, string prefix, int items)
    {
        var session = LocalDynamo.NewAccount(local, prefix);
        await LocalDynamo.CreateTableAsync(session);
        await Seed(session, items);
        return session;
    }

    private static async Task GetItem(DynamoDbLocal local, int rounds)
    {
        const int ops = 500;
        using var session = await Account(local, "E2eGet", 10);
        await LocalDynamo.WarmUpAsync(session.DynamoDB, Key);
        var env = SessionEnv.New(session);
        Sessions.Configure(session);
        await new AlternatingRunner($"GetItem, {ops} per run", rounds)
            .Add("raw SDK GetItem + hand mapping", () => Repeat(ops, async () => Hand((await session.DynamoDB.GetItemAsync(LocalDynamo.RawGet(Key))).Item)), operations: ops)
            .Add("core Dynamo.get", () => Repeat(ops, async () => (await Dynamo.get(Table, Key).Run(env)).ThrowIfFail()), operations: ops)
            .Add("facade GetAsync", () => Repeat(ops, () => Table.GetAsync(Key)), operations: ops)
            .RunAsync();
    }

    private static async Task Switch(DynamoDbLocal local, int rounds)
    {
        const int ops = 500;
        using var a = await Account(local, "E2eSwitchA", 10);
        using var b = await Account(local, "E2eSwitchB", 10);
        await LocalDynamo.WarmUpAsync(a.DynamoDB, Key);
        await LocalDynamo.WarmUpAsync(b.DynamoDB, Key);
        var env = SessionEnv.New(a);
        Sessions.Configure(a);
        await new AlternatingRunner($"switch + GetItem vs GetItem, {ops} per run", rounds)
            .Add("core get", () => Repeat(ops, async () => (await Dynamo.get(Table, Key).Run(env)).ThrowIfFail()), operations: ops)
            .Add("core useSession + get", () => Repeat(ops, async () => (await Scope.useSession(Table, b, Dynamo.get(Table, Key)).Run(env)).ThrowIfFail()), operations: ops)
            .Add("facade GetAsync", () => Repeat(ops, () => Table.GetAsync(Key)), operations: ops)
            .Add("facade UseSession + GetAsync", baseline: "facade GetAsync", operations: ops, run: () => Repeat(ops, async () =>
            {
                using (Sessions.UseSession(Table, b))
                {
                    return await Table.GetAsync(Key);
                }
            }))
            .RunAsync();
    }

    private static async Task Flows(DynamoDbLocal local, int rounds)
    {
        const int flows = 64, gets = 8;
        var sessions = new AwsSession[8];
        for (var i = 0; i < sessions.Length; i++)
        {
            sessions[i] = await Account(local, "E2eFlows", 10);
            await LocalDynamo.WarmUpAsync(sessions[i].DynamoDB, Key, 400);
        }

        var env = SessionEnv.New(sessions[0]);
        Sessions.Configure(sessions[0]);
        Task All(Func<int, int, Task> get) => Task.WhenAll(Enumerable.Range(0, flows).Select(async f =>
        {
            for (var k = 0; k < gets; k++)
            {
                await get(f, k);
            }
        }));
        await new AlternatingRunner($"{flows} flows × {gets} GetItems, time per GetItem", rounds)
            .Add("core, one session", () => All(async (_, _) => (await Dynamo.get(Table, Key).Run(env)).ThrowIfFail()), operations: flows * gets)
            .Add("core, switching among 8", () => All(async (f, k) => (await Scope.useSession(Table, sessions[(f + k) % 8], Dynamo.get(Table, Key)).Run(env)).ThrowIfFail()), operations: flows * gets)
            .Add("facade, one session", () => All((_, _) => Table.GetAsync(Key)), operations: flows * gets)
            .Add("facade, switching among 8", () => All(async (f, k) =>
            {
                using (Sessions.UseSession(Table, sessions[(f + k) % 8]))
                {
                    await Table.GetAsync(Key);
                }
            }), operations: flows * gets, baseline: "facade, one session")
            .RunAsync();
        foreach (var s in sessions)
        {
            s.Dispose();
        }
    }

    private static async Task BatchGet(DynamoDbLocal local, int rounds)
    {
        const int keys = 1000;
        using var session = await Account(local, "E2eBatchGet", keys);
        await LocalDynamo.WarmUpAsync(session.DynamoDB, Key, 1000);
        var env = SessionEnv.New(session);
        var itemKeys = Enumerable.Range(0, keys).Select(i => ItemKey.Of(LocalDynamo.Item(i).Id)).ToList();
        await new AlternatingRunner($"batch get of {keys} keys", rounds)
            .Add("raw SDK BatchGetItem loop + hand mapping", () => RawBatchGet(session, keys))
            .Add("core Dynamo.batchGet", async () => (await Dynamo.batchGet(Table, itemKeys).Run(env)).ThrowIfFail())
            .RunAsync();
    }

    private static async Task Scan(DynamoDbLocal local, int rounds)
    {
        const int items = 100_000;
        using var session = await Account(local, "E2eScan", items);
        var env = SessionEnv.New(session);
        var runner = new AlternatingRunner($"scan of {items:N0} items, streamed and mapped", rounds);
        foreach (var segments in new[] { 1, 2, 4, 8 })
        {
            runner.Add($"{segments} segment(s)", async () =>
            {
                var stream = (await Dynamo.scanStream(Table, new ScanOptions { Segments = segments == 1 ? null : segments }).Run(env)).ThrowIfFail();
                var count = 0;
                await foreach (var item in stream)
                {
                    count++;
                }

                Expect(items, count, "scan");
            });
        }

        await runner.RunAsync(warmUp: false);
    }

    private static async Task Copy(DynamoDbLocal local, int rounds)
    {
        const int items = 100_000;
        using var source = await Account(local, "E2eCopyFrom", items);
        using var target = LocalDynamo.NewAccount(local, "E2eCopyTo");
        await LocalDynamo.CreateTableAsync(target);
        var env = SessionEnv.New(source);
        Sessions.Configure(source);
        Task Empty() => LocalDynamo.RecreateTableAsync(target);
        async Task Check() => Expect(items, (await Scope.useSession(Table, target, Dynamo.count(Table)).Run(env)).ThrowIfFail(), "copy");
        var runner = new AlternatingRunner($"copy of {items:N0} items between two accounts", rounds)
            .Add("hand-written sequential copy (Scan + BatchWriteItem)", () => RawCopy.CopyAsync(source.DynamoDB, target.DynamoDB, Table.Name, CancellationToken.None), Empty, Check);
        foreach (var segments in new[] { 1, 2, 4, 8 })
        {
            runner.Add($"copyTable, {segments} segment(s)", async () => (await Dynamo.copyTable(Table, target, new CopyOptions { Segments = segments }).Run(env)).ThrowIfFail(), Empty, Check);
        }

        runner.Add("copyItems (one scan, pages as maps)", async () => (await Dynamo.copyItems(Table, target).Run(env)).ThrowIfFail(), Empty, Check);
        await runner.RunAsync(warmUp: false);
    }

    /// <summary>
    /// A mirrored table's backfill (#24: one conditional PutItem per item, so a mirrored state is never overwritten)
    /// against copyTable (BatchWriteItem of 25), both with 4 segments, into an emptied target.
    /// </summary>
    private static async Task BackfillAgainstCopy(DynamoDbLocal local, int rounds)
    {
        const int items = 10_000;
        using var source = await Account(local, "E2eBfFrom", items);
        using var target = LocalDynamo.NewAccount(local, "E2eBfTo");
        await LocalDynamo.CreateTableAsync(target);
        using var mirrored = AwsSession.Mirrored(source, target);
        var env = SessionEnv.New(source);
        Sessions.Configure(source);
        Task Empty() => LocalDynamo.RecreateTableAsync(target);
        async Task Check() => Expect(items, (await Scope.useSession(Table, target, Dynamo.count(Table)).Run(env)).ThrowIfFail(), "backfill");
        await new AlternatingRunner($"backfill against copyTable, {items:N0} items between two accounts, 4 segments", rounds)
            .Add("copyTable, 4 segments", async () => (await Dynamo.copyTable(Table, target, new CopyOptions { Segments = 4 }).Run(env)).ThrowIfFail(), Empty, Check)
            .Add("backfill, 4 segments, 16 puts at once", async () => (await Scope.useSession(Table, mirrored, Dynamo.backfill(Table, new BackfillOptions { Segments = 4 })).Run(env)).ThrowIfFail(), Empty, Check)
            .RunAsync(warmUp: false);
    }

    private static async Task RawBatchGet(AwsSession session, int keys)
    {
        var found = 0;
        for (var start = 0; start < keys; start += 100)
        {
            var pending = new Dictionary<string, KeysAndAttributes>
            {
                [Table.Name] = new KeysAndAttributes
                {
                    Keys = [.. Enumerable.Range(start, Math.Min(100, keys - start)).Select(i => new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = LocalDynamo.Item(i).Id } })],
                },
            };
            while (pending.Count > 0)
            {
                var response = await session.DynamoDB.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending });
                found += response.Responses[Table.Name].Select(Hand).Count();
                pending = response.UnprocessedKeys is { Count: > 0 } left ? left : [];
            }
        }

        Expect(keys, found, "raw batch get");
    }

    private static BenchItem Hand(Dictionary<string, AttributeValue> item) => new()
    {
        Id = item["id"].S,
        Payload = item["payload"].S,
        Number = int.Parse(item["n"].N, CultureInfo.InvariantCulture),
    };

    private static async Task Repeat<R>(int times, Func<Task<R>> op)
    {
        for (var i = 0; i < times; i++)
        {
            await op();
        }
    }

    /// <summary>Items 0..count-1, written 8 batches at a time.</summary>
    private static async Task Seed(AwsSession session, int count)
    {
        var chunks = Enumerable.Range(0, count).Select(i => new WriteRequest(new PutRequest(LocalDynamo.RawAttributes(LocalDynamo.Item(i))))).Chunk(25).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) =>
            await RawCopy.WriteBatchAsync(session.DynamoDB, Table.Name, [.. chunk], ct));
    }

    private static void Expect(long expected, long actual, string what)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"The {what} saw {actual} items, not {expected}.");
        }
    }

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks;

/// <summary>
/// <c>-- --alloc-profile [scenario...]</c>: not a benchmark but the profile behind the report. Runs each hot path many
/// times and prints the exact bytes allocated per operation plus which types they were, from the runtime's
/// <c>GCAllocationTick</c> events (one sample per ~100 KB allocated, so the shares are statistical).
/// </summary>
internal static class AllocationProfile
{
    private const string Key = "item-000001";

    public static int Run(string[] only)
    {
        RunAsync(only).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(string[] only)
    {
        var table = LocalDynamo.Table;
        var nowhere = new Uri("http://127.0.0.1:9");
        var a = LocalDynamo.Session(nowhere, "ProfileA");
        var b = LocalDynamo.Session(nowhere, "ProfileB");
        var env = SessionEnv.New(a);
        var current = Scope.currentSession(table);
        var switched = Scope.useSession(table, b, current);
        Sessions.Configure(a);

        bool Wanted(string name) => only.Length == 0 || only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase));

        const int cpuOps = 2_000_000;
        if (Wanted("core-currentSession"))
        {
            await Profile("core-currentSession (no switch)", cpuOps, async () => await current.Run(env));
        }

        if (Wanted("core-useSession-prebuilt"))
        {
            await Profile("core-useSession-prebuilt", cpuOps, async () => await switched.Run(env));
        }

        if (Wanted("core-useSession-built"))
        {
            await Profile("core-useSession-built-per-run", cpuOps, async () => await Scope.useSession(table, b, current).Run(env));
        }

        if (Wanted("facade-useSession"))
        {
            await Profile("facade-useSession-empty", cpuOps, () =>
            {
                using (Sessions.UseSession(table, b))
                {
                }

                return ValueTask.CompletedTask;
            });
        }

        if (Wanted("sessionEnv"))
        {
            await Profile("SessionEnv.New + dispose", cpuOps, () =>
            {
                SessionEnv.New(Sessions.ProcessRoot).CancellationTokenSource.Dispose();
                return ValueTask.CompletedTask;
            });
        }

        if (Wanted("client-get"))
        {
            // Client-side GetItem (canned response, no server): what the core and the facade add to the raw SDK call.
            var canned = new ClientSide.CannedDynamo().Answer("GetItem", ClientSide.CannedResponses.Recorded("GetItem"));
            var client = canned.Session("ProfileClient");
            var orders = SessionEffects.DynamoTable.Of<ClientSide.BenchOrder>();
            var clientEnv = SessionEnv.New(client);
            Sessions.Configure(client);
            const int clientOps = 100_000;
            await Profile("client-get-raw+hand", clientOps, async () => ClientSide.HandMapping.FromAttributes((await client.DynamoDB.GetItemAsync(
                new Amazon.DynamoDBv2.Model.GetItemRequest { TableName = orders.Name, Key = ClientSide.HandMapping.Key("c1", 1) })).Item));
            await Profile("client-get-core", clientOps, async () => await Dynamo.get(orders, "c1", 1).Run(clientEnv));
            await Profile("client-get-facade", clientOps, async () => await orders.GetAsync("c1", 1));
        }

        if (!Wanted("get") || only.Any(o => o.Contains("client-get", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var local = await DynamoDbLocal.StartAsync();
        try
        {
            var s = LocalDynamo.NewAccount(local, "ProfileGet");
            await LocalDynamo.CreateTableAsync(s);
            await LocalDynamo.SeedAsync(s, 10);
            var getEnv = SessionEnv.New(s);
            Sessions.Configure(s);
            var raw = LocalDynamo.RawGet(Key);
            const int ioOps = 4_000;
            await Profile("get-raw-sdk", ioOps, async () => await s.DynamoDB.GetItemAsync(raw));
            await Profile("get-core", ioOps, async () => await Dynamo.get(table, Key).Run(getEnv));
            await Profile("get-facade", ioOps, async () => await table.GetAsync(Key));

            // What the library does per GetItem besides the request, without I/O: mapping the returned attribute map
            // to an object the way ItemMapper.FromAttributes does (the SDK's DynamoDBContext, conversion V2).
            var found = (await s.DynamoDB.GetItemAsync(raw)).Item;
            using var context = new DynamoDBContextBuilder()
                .WithDynamoDBClient(() => s.DynamoDB)
                .ConfigureContext(c =>
                {
                    c.DisableFetchingTableMetadata = true;
                    c.Conversion = DynamoDBEntryConversion.V2;
                })
                .Build();
            await Profile("map-item-to-object (as ItemMapper.FromAttributes)", 200_000, () =>
            {
                _ = context.FromDocument<BenchItem>(Document.FromAttributeMap(found));
                return ValueTask.CompletedTask;
            });
        }
        finally
        {
            await local.DisposeAsync();
        }
    }

    private static async Task Profile(string name, int ops, Func<ValueTask> op)
    {
        for (var i = 0; i < Math.Min(ops / 10, 20_000); i++)
        {
            await op();
        }

        using var listener = new AllocationListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < ops; i++)
        {
            await op();
        }

        clock.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        var samples = listener.Snapshot();
        var total = samples.Values.Sum();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"== {name}: {ops} ops, {clock.Elapsed.TotalMilliseconds * 1e6 / ops:0.0} ns/op, {(double)bytes / ops:0.0} B/op allocated (all threads)"));
        foreach (var (type, amount) in samples.OrderByDescending(kv => kv.Value).Take(14))
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"   {100.0 * amount / total,5:0.0}%  ~{(double)bytes * amount / total / ops,7:0.0} B/op  {type}"));
        }
    }

    /// <summary>Collects the runtime's allocation-tick samples by type name.</summary>
    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, long> byType = new(StringComparer.Ordinal);
        private bool enabled;

        public AllocationListener()
        {
            enabled = true;
        }

        public Dictionary<string, long> Snapshot()
        {
            lock (byType)
            {
                enabled = false;
                return new Dictionary<string, long>(byType, StringComparer.Ordinal);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            {
                return;
            }

            var names = eventData.PayloadNames!;
            var type = names.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
            var amount = names.IndexOf("AllocationAmount64") is var i and >= 0 ? Convert.ToInt64(eventData.Payload[i], CultureInfo.InvariantCulture) : 100_000L;
            lock (byType)
            {
                if (enabled)
                {
                    byType[type] = byType.GetValueOrDefault(type) + amount;
                }
            }
        }
    }
}

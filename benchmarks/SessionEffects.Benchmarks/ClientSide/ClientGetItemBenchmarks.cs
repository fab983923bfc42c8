using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Client-side GetItem of one order (canned response, no server): the raw SDK call with hand mapping, the core, the
/// facade and DynamoDBContext.LoadAsync; then the same GetItem inside a session switch, and through a tenant pool's
/// <c>Get</c>. Everything runs on the real SDK client over <see cref="CannedDynamo"/>, so the numbers are what this
/// process spends per operation. Goals (issue #18): core and facade / raw ≤ 1.05; core / DynamoDBContext ≤ 0.5;
/// switch+GetItem / GetItem ≤ 1.01.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
public class ClientGetItemBenchmarks
{
    private const string Customer = "c1";
    private static readonly DynamoTable<BenchOrder> Table = SessionEffects.DynamoTable.Of<BenchOrder>();
    private readonly BenchOrder expected = BenchOrder.Make(Customer, 1);
    private CannedDynamo canned = null!;
    private AwsSession session = null!;
    private AwsSession other = null!;
    private SessionPool<string> pool = null!;
    private DynamoDBContext context = null!;
    private SessionEnv env;
    private SessionEnv otherEnv;

    /// <summary>The session the cases read through (for the alternating runner's breakdown).</summary>
    internal AwsSession Session => session;

    [GlobalSetup]
    public async Task Setup()
    {
        canned = new CannedDynamo().Answer("GetItem", CannedResponses.Recorded("GetItem"));
        session = canned.Session("ClientGetA");
        other = canned.Session("ClientGetB");
        pool = new SessionPool<string>(tenant => canned.Session("ClientTenant" + tenant));
        context = ClientContext.For(session.DynamoDB);
        env = SessionEnv.New(session);
        otherEnv = SessionEnv.New(other);
        Sessions.Configure(session);

        // Every path reads the same order, and the pool's tenant client exists before measuring.
        HandMapping.ExpectSame(expected, await Raw_GetItem_HandMapped(), "raw");
        HandMapping.ExpectSame(expected, (await Core_Get()).ThrowIfFail().IfNone(() => null!), "core");
        HandMapping.ExpectSame(expected, await Facade_GetAsync(), "facade");
        HandMapping.ExpectSame(expected, await Context_LoadAsync(), "DynamoDBContext");
        HandMapping.ExpectSame(expected, await Sdk_GetItem_CompiledMapping(), "SDK + compiled mapping");
        HandMapping.ExpectSame(expected, await Direct_GetItem(), "direct read");
        if (Table.ReadPath != ItemReadPath.Direct || Table.DirectReadFallbacks != 0)
        {
            throw new InvalidOperationException($"BenchOrder is not read directly ({Table.ReadPath}, {Table.DirectReadFallbacks} fallbacks).");
        }

        HandMapping.ExpectSame(expected, (await Core_SwitchThenGet()).ThrowIfFail().IfNone(() => null!), "core switch");
        HandMapping.ExpectSame(expected, await Facade_SwitchThenGetAsync(), "facade switch");
        HandMapping.ExpectSame(expected, await Facade_PoolGetThenGetAsync(), "pool");
        if (Table.MappingPath != ItemMappingPath.Compiled)
        {
            throw new InvalidOperationException($"BenchOrder is not on the compiled path: {Table.MappingFallbackReason}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// canned requests answered: {canned.Requests}");
        context.Dispose();
        pool.Dispose();
        env.CancellationTokenSource.Dispose();
        otherEnv.CancellationTokenSource.Dispose();
        session.Dispose();
        other.Dispose();
    }

    /// <summary>The request a raw-SDK user builds per call, sent on the session's client, mapped by hand.</summary>
    [Benchmark(Baseline = true)]
    public async Task<BenchOrder?> Raw_GetItem_HandMapped()
    {
        var response = await session.DynamoDB.GetItemAsync(new GetItemRequest { TableName = Table.Name, Key = HandMapping.Key(Customer, 1) }).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? HandMapping.FromAttributes(item) : null;
    }

    [Benchmark]
    public ValueTask<Fin<Option<BenchOrder>>> Core_Get() => Dynamo.get(Table, Customer, 1).Run(env);

    /// <summary>The read before the direct read (#26): the SDK unmarshals into attribute maps, the compiled mapping maps (no effect around it).</summary>
    [Benchmark]
    public async Task<BenchOrder?> Sdk_GetItem_CompiledMapping()
    {
        var response = await session.DynamoDB.GetItemAsync(new GetItemRequest { TableName = Table.Name, Key = HandMapping.Key(Customer, 1) }).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? Table.Mapper.FromAttributes(item) : null;
    }

    /// <summary>The direct read alone: the session client with the class's GetItem unmarshaller (no effect around it).</summary>
    [Benchmark]
    public async Task<BenchOrder?> Direct_GetItem()
    {
        var client = (SessionDynamoClient)session.DynamoDB;
        var response = (DirectGetItemResponse<BenchOrder>)await client.GetItemAsync(
            new GetItemRequest { TableName = Table.Name, Key = HandMapping.Key(Customer, 1) }, Table.Mapper.DirectGetItem!, default).ConfigureAwait(false);
        return response.Found?.Resolve(Table.Mapper);
    }

    [Benchmark]
    public Task<BenchOrder?> Facade_GetAsync() => Table.GetAsync(Customer, 1);

    [Benchmark]
    public Task<BenchOrder> Context_LoadAsync() => context.LoadAsync<BenchOrder>(Customer, 1);

    /// <summary>
    /// <c>get(t, key)</c> where the other session is the default: the switch cases' request on the switch cases' client,
    /// without a switch (for the alternating runner, which separates the switch from the second client's own cost).
    /// </summary>
    internal ValueTask<Fin<Option<BenchOrder>>> Core_GetOnOtherSession() => Dynamo.get(Table, Customer, 1).Run(otherEnv);

    /// <summary><c>useSession(t, other, get(t, key))</c>: the switch and the GetItem, built and run per call.</summary>
    [Benchmark]
    public ValueTask<Fin<Option<BenchOrder>>> Core_SwitchThenGet() => Scope.useSession(Table, other, Dynamo.get(Table, Customer, 1)).Run(env);

    [Benchmark]
    public async Task<BenchOrder?> Facade_SwitchThenGetAsync()
    {
        using (Sessions.UseSession(Table, other))
        {
            return await Table.GetAsync(Customer, 1).ConfigureAwait(false);
        }
    }

    /// <summary>A cached tenant from the pool (<c>pool.Get</c>), switched to, then GetItem.</summary>
    [Benchmark]
    public async Task<BenchOrder?> Facade_PoolGetThenGetAsync()
    {
        using (Sessions.UseSession(Table, pool.Get("t1")))
        {
            return await Table.GetAsync(Customer, 1).ConfigureAwait(false);
        }
    }
}

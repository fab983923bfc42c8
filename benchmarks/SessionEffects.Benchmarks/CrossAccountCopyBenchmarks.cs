using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Benchmark 5: copy 10,000 items from account A to account B (scan A, batch-save into B) with the library, against a
/// hand-written raw-SDK copy (Scan pages + BatchWriteItem of 25 with unprocessed retry) on the same two clients.
/// The target table is recreated empty before every iteration, so each copy writes all 10,000 items.
/// Times are per copy; throughput ratio = raw time / library time. Goal: at least 0.95.
/// </summary>
[Config(typeof(BenchConfigs.Long))]
public class CrossAccountCopyBenchmarks
{
    private const int ItemCount = 10_000;
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;
    private DynamoDbLocal? local;
    private AwsSession accountA = null!;
    private AwsSession accountB = null!;
    private SessionEnv env;

    [GlobalSetup]
    public async Task Setup()
    {
        local = await LocalDynamo.StartAsync();
        accountA = LocalDynamo.NewAccount(local, "CopyFrom");
        accountB = LocalDynamo.NewAccount(local, "CopyTo");
        await LocalDynamo.CreateTableAsync(accountA);
        await LocalDynamo.SeedAsync(accountA, ItemCount);
        await LocalDynamo.CreateTableAsync(accountB);
        env = SessionEnv.New(accountA);
        Sessions.Configure(accountA);
    }

    [IterationSetup]
    public void EmptyTarget() => LocalDynamo.RecreateTableAsync(accountB).GetAwaiter().GetResult();

    [IterationCleanup]
    public void CheckTarget()
    {
        var copied = Sessions.RunAsync(Scope.useSession(Table, accountB, Dynamo.count(Table))).GetAwaiter().GetResult();
        if (copied != ItemCount)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The copy wrote {copied} items, not {ItemCount}."));
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        env.CancellationTokenSource.Dispose();
        accountA.Dispose();
        accountB.Dispose();
        await LocalDynamo.StopAsync(local);
    }

    /// <summary>The hand-written copy on the sessions' own clients (items stay attribute maps, never objects).</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Raw_ScanAndBatchWrite() =>
        RawCopy.CopyAsync(accountA.DynamoDB, accountB.DynamoDB, Table.Name, CancellationToken.None);

    /// <summary><c>useSession(A, scan(t)).Bind(items =&gt; useSession(B, batchSave(t, items)))</c>.</summary>
    [Benchmark]
    public ValueTask<Fin<Unit>> Core_ScanThenBatchSave() =>
        Scope.useSession(Table, accountA, Dynamo.scan(Table))
            .Bind(items => Scope.useSession(Table, accountB, Dynamo.batchSave(Table, items)))
            .Run(env);

    /// <summary><c>useSession(A, copyItems(t, B))</c>: pages copied as attribute maps, no objects.</summary>
    [Benchmark]
    public ValueTask<Fin<long>> Core_CopyItems() =>
        Scope.useSession(Table, accountA, Dynamo.copyItems(Table, accountB)).Run(env);

    /// <summary>The facade's <c>CopyItemsAsync</c> inside a switch to A.</summary>
    [Benchmark]
    public async Task<long> Facade_CopyItemsAsync()
    {
        using (Sessions.UseSession(Table, accountA))
        {
            return await Table.CopyItemsAsync(accountB);
        }
    }

    /// <summary>The facade: <c>ScanAsync</c> inside a switch to A, then <c>BatchSaveAsync</c> inside a switch to B.</summary>
    [Benchmark]
    public async Task<int> Facade_ScanAsyncThenBatchSaveAsync()
    {
        var items = new List<BenchItem>(ItemCount);
        using (Sessions.UseSession(Table, accountA))
        {
            await foreach (var item in Table.ScanAsync())
            {
                items.Add(item);
            }
        }

        using (Sessions.UseSession(Table, accountB))
        {
            await Table.BatchSaveAsync(items);
        }

        return items.Count;
    }
}

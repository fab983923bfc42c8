using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Util;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// Client-side save of a class with an atomic counter and a generated timestamp (issue #22: the parity must not cost
/// the speed already won): a hand-written UpdateItem with the counter expression and ALL_NEW mapped back (baseline),
/// core, facade and DynamoDBContext, all answered with the same canned ALL_NEW item.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
public class ClientCountedSaveBenchmarks
{
    private const string Iso = "yyyy-MM-dd\\THH:mm:ss.fff\\Z";
    private static readonly DynamoTable<BenchCountedOrder> Table = SessionEffects.DynamoTable.Of<BenchCountedOrder>();
    private CannedDynamo canned = null!;
    private AwsSession session = null!;
    private DynamoDBContext context = null!;
    private SessionEnv env;

    [GlobalSetup]
    public async Task Setup()
    {
        canned = new CannedDynamo().Answer("UpdateItem", CannedBody.Of(BenchCountedOrder.StoredAnswer()));
        session = canned.Session("ClientCounted");
        context = ClientContext.For(session.DynamoDB);
        env = SessionEnv.New(session);
        Sessions.Configure(session);
        (await Core_Save()).ThrowIfFail();
        await Context_SaveAsync();
        if (Table.MappingPath != ItemMappingPath.Compiled)
        {
            throw new InvalidOperationException($"{nameof(BenchCountedOrder)} should be on the compiled path: {Table.MappingFallbackReason}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        context.Dispose();
        env.CancellationTokenSource.Dispose();
        session.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<BenchCountedOrder> Raw_UpdateItem_HandWritten()
    {
        var o = BenchCountedOrder.Make();
        var values = new Dictionary<string, AttributeValue>(10)
        {
            [":name"] = new() { S = o.Name },
            [":total"] = new() { N = o.Total.ToString(CultureInfo.InvariantCulture) },
            [":qty"] = new() { N = o.Quantity.ToString(CultureInfo.InvariantCulture) },
            [":placed"] = new() { S = o.PlacedAt.ToUniversalTime().ToString(Iso, CultureInfo.InvariantCulture) },
            [":tags"] = new() { SS = [.. o.Tags!] },
            [":created"] = new() { S = AWSSDKUtils.CorrectedUtcNow.ToString("o", CultureInfo.InvariantCulture) },
            [":start"] = new() { N = "-1" },
            [":one"] = new() { N = "1" },
        };
        var answer = await session.DynamoDB.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table.Name,
            Key = new() { ["customer"] = new() { S = o.Customer }, ["seq"] = new() { N = o.Seq.ToString(CultureInfo.InvariantCulture) } },
            UpdateExpression = "SET #name = :name, #total = :total, #qty = :qty, #placed = :placed, #tags = :tags, #created = :created, #saves = if_not_exists(#saves, :start) + :one",
            ExpressionAttributeNames = new() { ["#name"] = "name", ["#total"] = "total", ["#qty"] = "qty", ["#placed"] = "placed", ["#tags"] = "tags", ["#created"] = "created", ["#saves"] = "saves" },
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
        }).ConfigureAwait(false);
        o.Saves = long.Parse(answer.Attributes["saves"].N, CultureInfo.InvariantCulture);
        o.Created = DateTime.Parse(answer.Attributes["created"].S, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        return o;
    }

    [Benchmark]
    public ValueTask<Fin<Unit>> Core_Save() => Dynamo.save(Table, BenchCountedOrder.Make()).Run(env);

    [Benchmark]
    public Task Facade_SaveAsync() => Table.SaveAsync(BenchCountedOrder.Make());

    [Benchmark]
    public Task Context_SaveAsync() => context.SaveAsync(BenchCountedOrder.Make());
}

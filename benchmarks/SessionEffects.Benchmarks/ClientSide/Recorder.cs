using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// <c>-- --record-canned [folder]</c>: records the canned responses of the client-side suite from a fresh DynamoDB
/// Local (the response bodies exactly as it sent them), into <c>benchmarks/SessionEffects.Benchmarks/Canned/</c> by
/// default. Run from the repository root; commit the result. Deterministic: the same orders every time.
/// </summary>
internal static class Recorder
{
    public static int Run(string[] args)
    {
        var folder = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? Path.Combine("benchmarks", "SessionEffects.Benchmarks", "Canned");
        RunAsync(folder).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var recording = new Recording();
        await using var local = await DynamoDbLocal.StartAsync();
        using var session = AwsSession.FromKeys("CannedRecorder", "canned-recorder-secret", "us-east-1")
            .WithEndpoint(local.Endpoint)
            .WithClientConfiguration(c => c.HttpClientFactory = new Factory(recording));
        var env = SessionEnv.New(session);
        var table = DynamoTable.Of<BenchOrder>();
        (await Dynamo.createTable(table).Run(env)).ThrowIfFail();
        foreach (var (customer, count) in new[] { ("c1", 3), ("q10", 10), ("q100", 100), (CannedResponses.BigCustomer, 1000) })
        {
            var seqs = customer == CannedResponses.BigCustomer ? Enumerable.Range(0, count) : Enumerable.Range(1, count);
            (await Dynamo.batchSave(table, seqs.Select(s => BenchOrder.Make(customer, s))).Run(env)).ThrowIfFail();
        }

        var db = session.DynamoDB;
        async Task Record(string name, Func<Task> call)
        {
            await call();
            await File.WriteAllBytesAsync(Path.Combine(folder, name + ".json"), recording.Last);
            Console.WriteLine($"recorded {name}: {recording.Last.Length} bytes");
        }

        await Record("GetItem", () => db.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = HandMapping.Key("c1", 1) }));
        foreach (var (customer, n) in new[] { ("q10", 10), ("q100", 100), (CannedResponses.BigCustomer, 1000) })
        {
            await Record($"Query-{n}", () => db.QueryAsync(new QueryRequest
            {
                TableName = table.Name,
                KeyConditionExpression = "#c = :c",
                ExpressionAttributeNames = new() { ["#c"] = "customer" },
                ExpressionAttributeValues = new() { [":c"] = new AttributeValue { S = customer } },
            }));
        }

        await Record("ScanPage-100", () => db.ScanAsync(new ScanRequest { TableName = table.Name, Limit = 100 }));
        await Record("PutItem", () => db.PutItemAsync(new PutItemRequest { TableName = table.Name, Item = HandMapping.ToAttributes(BenchOrder.Make("c1", 1)) }));

        // DynamoDBContext.SaveAsync stores an item with UpdateItem (SET every attribute), answered like this.
        using (var context = new DynamoDBContextBuilder().WithDynamoDBClient(() => db).ConfigureContext(c => c.DisableFetchingTableMetadata = true).Build())
        {
            await Record("UpdateItem", () => context.SaveAsync(BenchOrder.Make("c1", 1)));
        }

        await Record("BatchWriteItem", () => db.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new()
            {
                [table.Name] = [.. Enumerable.Range(2000, 25).Select(s => new WriteRequest(new PutRequest(HandMapping.ToAttributes(BenchOrder.Make("w", s)))))],
            },
        }));
    }

    /// <summary>Keeps the body of the last response, exactly as received.</summary>
    private sealed class Recording() : DelegatingHandler(new HttpClientHandler())
    {
        public byte[] Last { get; private set; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Last = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var copy = new ByteArrayContent(Last);
            foreach (var header in response.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = copy;
            return response;
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);
    }
}

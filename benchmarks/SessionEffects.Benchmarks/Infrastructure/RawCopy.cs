using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects.Benchmarks.Infrastructure;

/// <summary>The hand-written raw-SDK copy the library is compared with: Scan pages, BatchWriteItem of 25, retry unprocessed.</summary>
internal static class RawCopy
{
    public static async Task<int> CopyAsync(IAmazonDynamoDB source, IAmazonDynamoDB target, string tableName, CancellationToken ct)
    {
        var copied = 0;
        var batch = new List<WriteRequest>(25);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await source.ScanAsync(new ScanRequest { TableName = tableName, ExclusiveStartKey = start }, ct).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                batch.Add(new WriteRequest(new PutRequest(item)));
                if (batch.Count == 25)
                {
                    await WriteBatchAsync(target, tableName, batch, ct).ConfigureAwait(false);
                    copied += batch.Count;
                    batch = new List<WriteRequest>(25);
                }
            }

            start = page.LastEvaluatedKey;
        }
        while (start is { Count: > 0 });

        if (batch.Count > 0)
        {
            await WriteBatchAsync(target, tableName, batch, ct).ConfigureAwait(false);
            copied += batch.Count;
        }

        return copied;
    }

    public static async Task WriteBatchAsync(IAmazonDynamoDB client, string tableName, List<WriteRequest> batch, CancellationToken ct)
    {
        var pending = new Dictionary<string, List<WriteRequest>>(StringComparer.Ordinal) { [tableName] = batch };
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(Math.Min(1000, 25 << attempt), ct).ConfigureAwait(false);
            }

            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct).ConfigureAwait(false);
            pending = response.UnprocessedItems is { Count: > 0 } left ? left : [];
        }
    }
}

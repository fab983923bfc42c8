using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>Waiting for DynamoDB to finish table work (create, delete), always with a deadline and a message saying what was awaited.</summary>
internal static class TableWait
{
    /// <summary>Waits until the table and its global indexes are ACTIVE; returns its description then.</summary>
    public static async Task<TableDescription> Active(IAmazonDynamoDB db, string tableName, TimeSpan timeout, CancellationToken ct)
    {
        TableDescription? description = null;
        await Until(tableName, "to become ACTIVE with its indexes", timeout, async token =>
        {
            description = (await db.DescribeTableAsync(tableName, token).ConfigureAwait(false)).Table;
            return description.TableStatus == TableStatus.ACTIVE && (description.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE);
        }, ct).ConfigureAwait(false);
        return description!;
    }

    /// <summary>Polls <paramref name="done"/> until it holds, or fails with a <see cref="TimeoutException"/> saying what it waited for.</summary>
    public static async Task Until(string tableName, string what, TimeSpan timeout, Func<CancellationToken, Task<bool>> done, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await done(deadline.Token).ConfigureAwait(false))
            {
                await Task.Delay(200, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {timeout} for table {tableName} {what}; it did not. The request was accepted: check the table's status before retrying.");
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The keys a mirror owes, kept in a DynamoDB table the caller names (one item per key: <c>key</c> the key's canonical
/// text, <c>table</c> the primary's table name, <c>item_key</c> the key's attributes; an item <c>!overflow</c> when
/// keys were dropped), so they outlive the process and every instance of an application (and the tool's reconcile)
/// sees what all of them owe. The table lives in an account that stays reachable when the secondary does not: the
/// primary's by default.
/// </summary>
/// <remarks>
/// Changes are written behind, in the order they were made, by one background loop, so a mirrored write never waits
/// for this table; <see cref="FlushAsync"/> waits for everything recorded so far. A change that cannot be written is
/// logged and dropped: the key stays owed in memory, and a reconcile compares the whole table anyway. The table is
/// created (on-demand billing) on first use when it does not exist.
/// </remarks>
internal sealed class DirtyKeyTable : IDisposable
{
    public const string OverflowKey = "!overflow";

    private readonly ConcurrentQueue<Func<CancellationToken, Task>> changes = new();
    private readonly SemaphoreSlim queued = new(0);
    private volatile bool closed;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock sync = new();
    private Task? ensured;
    private readonly Task loop;

    public DirtyKeyTable(AwsSession session, string name)
    {
        Session = session;
        Name = name;
        loop = Task.Run(DrainAsync);
    }

    public AwsSession Session { get; }

    public string Name { get; }

    private IAmazonDynamoDB Db => Session.DynamoDB;

    public void Put(MirrorKey key) => Enqueue("PutItem", ct => Db.PutItemAsync(new PutItemRequest
    {
        TableName = Name,
        Item = new Dictionary<string, AttributeValue>
        {
            ["key"] = new() { S = key.Canonical },
            ["table"] = new() { S = key.TableName },
            ["item_key"] = new() { M = new Dictionary<string, AttributeValue>(key.Key) },
        },
    }, ct));

    public void Delete(MirrorKey key) => Enqueue("DeleteItem", ct => Db.DeleteItemAsync(Name, new Dictionary<string, AttributeValue> { ["key"] = new() { S = key.Canonical } }, ct));

    public void Overflow(bool overflowed) => Enqueue(overflowed ? "PutItem" : "DeleteItem", ct => overflowed
        ? Db.PutItemAsync(new PutItemRequest { TableName = Name, Item = new Dictionary<string, AttributeValue> { ["key"] = new() { S = OverflowKey } } }, ct)
        : Db.DeleteItemAsync(Name, new Dictionary<string, AttributeValue> { ["key"] = new() { S = OverflowKey } }, ct));

    /// <summary>Waits until every change recorded before this call is written (or given up).</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Push(_ =>
        {
            done.TrySetResult();
            return Task.CompletedTask;
        }))
        {
            done.TrySetResult();
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Every key in the table (strongly consistent scan), and whether keys were dropped.</summary>
    public async Task<(IReadOnlyList<MirrorKey> Keys, bool Overflowed)> ReadAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await Ready().WaitAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<MirrorKey>();
        var overflowed = false;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Db.ScanAsync(new ScanRequest { TableName = Name, ConsistentRead = true, ExclusiveStartKey = start }, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                if (item["key"].S == OverflowKey)
                {
                    overflowed = true;
                }
                else
                {
                    keys.Add(new MirrorKey(item["table"].S, item["item_key"].M));
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return (keys, overflowed);
    }

    public void Dispose()
    {
        closed = true;
        queued.Release();

        // What was recorded gets a moment to be written; a process that ends sooner leaves it to the reconcile's comparison.
        var drained = loop.Wait(TimeSpan.FromSeconds(5));
        stop.Cancel();
        if (drained)
        {
            // Only a loop that ended no longer touches them.
            stop.Dispose();
            queued.Dispose();
        }
    }

    /// <summary>Queues <paramref name="change"/> for the loop; false once the table is disposed.</summary>
    private bool Push(Func<CancellationToken, Task> change)
    {
        if (closed)
        {
            return false;
        }

        changes.Enqueue(change);
        queued.Release();
        return true;
    }

    private void Enqueue(string operation, Func<CancellationToken, Task> change) =>
        Push(async ct =>
        {
            // A few tries: the table's account may answer slowly or throttle; never forever, the writes behind would wait.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await Ready().ConfigureAwait(false);
                    await change(ct).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is AmazonDynamoDBException or Amazon.Runtime.AmazonClientException or System.Net.Http.HttpRequestException && !ct.IsCancellationRequested)
                {
                    if (attempt == 3)
                    {
                        Log.DirtyKeyTableWriteFailed(Log.Requests, ex, operation, Name, Session);
                        return;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct).ConfigureAwait(false);
                }
            }
        });

    /// <summary>The table exists and is active; tried again after a failure (the account may have been unreachable).</summary>
    private Task Ready()
    {
        lock (sync)
        {
            if (ensured is null || ensured.IsFaulted || ensured.IsCanceled)
            {
                ensured = EnsureAsync(stop.Token);
            }

            return ensured;
        }
    }

    /// <summary>One change at a time, in the order they were queued, until disposed and drained.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            await queued.WaitAsync().ConfigureAwait(false);
            if (!changes.TryDequeue(out var change))
            {
                if (closed)
                {
                    return;
                }

                continue;
            }

            try
            {
                await change(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task EnsureAsync(CancellationToken ct)
    {
        try
        {
            await Db.DescribeTableAsync(Name, ct).ConfigureAwait(false);
            return;
        }
        catch (ResourceNotFoundException)
        {
            // Created below.
        }

        try
        {
            await Db.CreateTableAsync(new CreateTableRequest
            {
                TableName = Name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = [new KeySchemaElement("key", KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition("key", ScalarAttributeType.S)],
            }, ct).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Another instance created it meanwhile.
        }

        while ((await Db.DescribeTableAsync(Name, ct).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.Contracts;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// Table operations as effects. Each one resolves the table's session when it runs (so it follows every
/// <see cref="Scope.useSession{A}"/> around it), uses that session's cached client, and reports AWS errors as failures
/// whose exception keeps the SDK's type and names the table, the operation and the redacted session.
/// Open it with <c>using static SessionEffects.Dynamo;</c>.
/// </summary>
public static class Dynamo
{
    private const int BatchSize = 25;
    private const int BatchAttempts = 10;

    /// <summary>Creates the table from its descriptor (keys and indexes; on-demand billing by default) and waits until it is ACTIVE.</summary>
    [Pure]
    public static Aff<SessionEnv, TableDescription> createTable(Table table, CreateTableOptions? options = null) =>
        call(table, "CreateTable", async (db, ct) =>
        {
            options ??= new CreateTableOptions();
            await db.CreateTableAsync(TableSchema.CreateRequest(table, options), ct).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.WaitTimeout);
            while (true)
            {
                var d = await db.DescribeTableAsync(table.Name, timeout.Token).ConfigureAwait(false);
                if (d.Table.TableStatus == TableStatus.ACTIVE && (d.Table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
                {
                    return d.Table;
                }

                await Task.Delay(200, timeout.Token).ConfigureAwait(false);
            }
        });

    /// <summary>Whether the table exists for the session it resolves to.</summary>
    [Pure]
    public static Aff<SessionEnv, bool> tableExists(Table table) =>
        call(table, "DescribeTable", async (db, ct) =>
        {
            try
            {
                await db.DescribeTableAsync(table.Name, ct).ConfigureAwait(false);
                return true;
            }
            catch (ResourceNotFoundException)
            {
                return false;
            }
        });

    /// <summary>The table's description (status, item count, indexes).</summary>
    [Pure]
    public static Aff<SessionEnv, TableDescription> describeTable(Table table) =>
        call(table, "DescribeTable", async (db, ct) => (await db.DescribeTableAsync(table.Name, ct).ConfigureAwait(false)).Table);

    /// <summary>Deletes the table and waits until it is gone.</summary>
    [Pure]
    public static Aff<SessionEnv, Unit> deleteTable(Table table) =>
        call(table, "DeleteTable", async (db, ct) =>
        {
            await db.DeleteTableAsync(table.Name, ct).ConfigureAwait(false);
            while (true)
            {
                try
                {
                    await db.DescribeTableAsync(table.Name, ct).ConfigureAwait(false);
                }
                catch (ResourceNotFoundException)
                {
                    return unit;
                }

                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        });

    /// <summary>Writes the item (PutItem), replacing any item with the same key, optionally only when <paramref name="condition"/> holds.</summary>
    [Pure]
    public static Aff<SessionEnv, Unit> save<T>(Table<T> table, T item, DynamoCondition? condition = null)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        return call(table, "PutItem", async (db, ct) =>
        {
            var request = new PutItemRequest { TableName = table.Name, Item = table.Mapper.ToAttributes(item) };
            ApplyCondition(condition, c => request.ConditionExpression = c, n => request.ExpressionAttributeNames = n, v => request.ExpressionAttributeValues = v);
            await db.PutItemAsync(request, ct).ConfigureAwait(false);
            return unit;
        });
    }

    /// <summary>The item with this key, if there is one.</summary>
    /// <param name="table">The table.</param>
    /// <param name="hashKey">The hash key value (converted to the key's type).</param>
    /// <param name="rangeKey">The range key value; required exactly when the table has a range key.</param>
    /// <param name="consistentRead">Strongly consistent read.</param>
    [Pure]
    public static Aff<SessionEnv, Option<T>> get<T>(Table<T> table, object hashKey, object? rangeKey = null, bool consistentRead = false)
        where T : class, new() =>
        call(table, "GetItem", async (db, ct) =>
        {
            var request = new GetItemRequest { TableName = table.Name, Key = table.Mapper.Key(hashKey, rangeKey), ConsistentRead = consistentRead ? true : null };
            var response = await db.GetItemAsync(request, ct).ConfigureAwait(false);
            return response.Item is { Count: > 0 } found ? Some(table.Mapper.FromAttributes(found)) : None;
        });

    /// <summary>Deletes the item with this key (no error when there is none), optionally only when <paramref name="condition"/> holds.</summary>
    [Pure]
    public static Aff<SessionEnv, Unit> delete<T>(Table<T> table, object hashKey, object? rangeKey = null, DynamoCondition? condition = null)
        where T : class, new() =>
        call(table, "DeleteItem", async (db, ct) =>
        {
            var request = new DeleteItemRequest { TableName = table.Name, Key = table.Mapper.Key(hashKey, rangeKey) };
            ApplyCondition(condition, c => request.ConditionExpression = c, n => request.ExpressionAttributeNames = n, v => request.ExpressionAttributeValues = v);
            await db.DeleteItemAsync(request, ct).ConfigureAwait(false);
            return unit;
        });

    /// <summary>Applies <paramref name="update"/> to the item with this key (creating it when absent) and returns the item as it is afterwards.</summary>
    [Pure]
    public static Aff<SessionEnv, T> update<T>(Table<T> table, object hashKey, object? rangeKey, ItemUpdate update)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(update);
        return call(table, "UpdateItem", async (db, ct) =>
        {
            var (expression, names, values) = update.Render();
            var request = new UpdateItemRequest
            {
                TableName = table.Name,
                Key = table.Mapper.Key(hashKey, rangeKey),
                UpdateExpression = expression,
                ExpressionAttributeNames = new Dictionary<string, string>(names),
                ExpressionAttributeValues = values.Count == 0 ? null : AttributeValues.Map(values),
                ReturnValues = ReturnValue.ALL_NEW,
            };
            if (update.Condition is { } condition)
            {
                request.ConditionExpression = condition.Expression;
                foreach (var (k, v) in condition.Names)
                {
                    request.ExpressionAttributeNames[k] = v;
                }

                request.ExpressionAttributeValues ??= [];
                foreach (var (k, v) in condition.Values)
                {
                    request.ExpressionAttributeValues[k] = AttributeValues.From(v);
                }

                if (request.ExpressionAttributeValues.Count == 0)
                {
                    request.ExpressionAttributeValues = null;
                }
            }

            var response = await db.UpdateItemAsync(request, ct).ConfigureAwait(false);
            return table.Mapper.FromAttributes(response.Attributes);
        });
    }

    /// <summary>Every item of the table (or index) that passes the filter, read page by page into one sequence.</summary>
    [Pure]
    public static Aff<SessionEnv, Seq<T>> scan<T>(Table<T> table, ScanOptions? options = null)
        where T : class, new() =>
        collect(table, () => ReadSpec.ForScan(table, options));

    /// <summary>
    /// The items of a scan as a stream that reads one page at a time. The table's session is resolved when this
    /// effect runs; enumeration then reads every page through that session.
    /// </summary>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<T>> scanStream<T>(Table<T> table, ScanOptions? options = null)
        where T : class, new() =>
        stream(table, () => ReadSpec.ForScan(table, options));

    /// <summary>The items with this hash key (of the table, or of <see cref="QueryOptions.IndexName"/>), with the options' range condition and filter.</summary>
    [Pure]
    public static Aff<SessionEnv, Seq<T>> query<T>(Table<T> table, object hashKey, QueryOptions? options = null)
        where T : class, new() =>
        collect(table, () => ReadSpec.ForQuery(table, hashKey, options));

    /// <summary>The items of a query as a stream that reads one page at a time (session resolved when the effect runs).</summary>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<T>> queryStream<T>(Table<T> table, object hashKey, QueryOptions? options = null)
        where T : class, new() =>
        stream(table, () => ReadSpec.ForQuery(table, hashKey, options));

    /// <summary>How many items a scan with these options finds, counted by DynamoDB without transferring items.</summary>
    [Pure]
    public static Aff<SessionEnv, long> count(Table table, ScanOptions? options = null) =>
        call(table, "Scan", (session, ct) => Reader.Count(ReadSpec.ForScan(table, options), session, ct));

    /// <summary>How many items a query with these options finds, counted by DynamoDB without transferring items.</summary>
    [Pure]
    public static Aff<SessionEnv, long> countQuery(Table table, object hashKey, QueryOptions? options = null) =>
        call(table, "Query", (session, ct) => Reader.Count(ReadSpec.ForQuery(table, hashKey, options), session, ct));

    /// <summary>
    /// Writes all items with BatchWriteItem in chunks of 25, retrying unprocessed items with exponential backoff until
    /// all are written or a clear error says how many were left.
    /// </summary>
    [Pure]
    public static Aff<SessionEnv, Unit> batchSave<T>(Table<T> table, IEnumerable<T> items)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(items);
        return batch(table, () => items.Select(i => new WriteRequest(new PutRequest(table.Mapper.ToAttributes(i ?? throw new ArgumentException("batchSave: an item was null.", nameof(items)))))));
    }

    /// <summary>
    /// Copies the items of the table, as the table's current session sees them, into the same table of
    /// <paramref name="target"/>, page by page and without turning them into objects (every attribute is copied as
    /// stored, including ones the class does not map). Returns how many items were copied. Memory stays at one page.
    /// </summary>
    /// <param name="table">The table to copy (it must exist in the target account).</param>
    /// <param name="target">The session to write through.</param>
    /// <param name="options">Which items to copy (filter, index, limit, page size).</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, long> copyItems(Table table, AwsSession target, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(target);
        return call(table, "Scan", async (source, ct) =>
        {
            long copied = 0;
            var page = new List<WriteRequest>(BatchSize);
            async Task Flush()
            {
                try
                {
                    await WriteAll(target.DynamoDB, table.Name, page, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw Failures.Enrich(ex, table, "BatchWriteItem", target);
                }

                copied += page.Count;
                page.Clear();
            }

            await foreach (var item in Reader.Items(ReadSpec.ForScan(table, options), source, ct).ConfigureAwait(false))
            {
                page.Add(new WriteRequest(new PutRequest(item)));
                if (page.Count == BatchSize)
                {
                    await Flush().ConfigureAwait(false);
                }
            }

            if (page.Count > 0)
            {
                await Flush().ConfigureAwait(false);
            }

            return copied;
        });
    }

    /// <summary>Deletes the items with the keys of <paramref name="items"/> in chunks of 25, retrying unprocessed ones.</summary>
    [Pure]
    public static Aff<SessionEnv, Unit> batchDelete<T>(Table<T> table, IEnumerable<T> items)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(items);
        return batch(table, () => items.Select(i => new WriteRequest(new DeleteRequest(table.Mapper.KeyOf(i ?? throw new ArgumentException("batchDelete: an item was null.", nameof(items)))))));
    }

    /// <summary>Every result of a LINQ query (<see cref="Table{T}.Query"/>), read page by page into one sequence.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Seq<R>> fetch<R>(ItemQuery<R> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return collectMapped(query.Table, query.Compile);
    }

    /// <summary>The results of a LINQ query as a stream that reads one page at a time (session resolved when the effect runs).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, IAsyncEnumerable<R>> fetchStream<R>(ItemQuery<R> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return streamMapped(query.Table, query.Compile);
    }

    private static Aff<SessionEnv, Seq<T>> collect<T>(Table<T> table, Func<ReadSpec> spec)
        where T : class, new() =>
        collectMapped<T>(table, () => (spec(), table.Mapper.FromAttributes));

    private static Aff<SessionEnv, Seq<R>> collectMapped<R>(Table table, Func<(ReadSpec Spec, Func<Dictionary<string, AttributeValue>, R> Map)> compile) =>
        call(table, "Read", async (session, ct) =>
        {
            var (spec, map) = compile();
            var items = new List<R>();
            await foreach (var raw in Reader.Items(spec, session, ct).ConfigureAwait(false))
            {
                items.Add(map(raw));
            }

            return toSeq(items);
        });

    private static Aff<SessionEnv, IAsyncEnumerable<T>> stream<T>(Table<T> table, Func<ReadSpec> spec)
        where T : class, new() =>
        streamMapped<T>(table, () => (spec(), table.Mapper.FromAttributes));

    private static Aff<SessionEnv, IAsyncEnumerable<R>> streamMapped<R>(Table table, Func<(ReadSpec Spec, Func<Dictionary<string, AttributeValue>, R> Map)> compile) =>
        call(table, "Read", (session, ct) =>
        {
            var (spec, map) = compile();
            return Task.FromResult(session.Leased(Map(Reader.Items(spec, session, ct), map)));
        });

    private static async IAsyncEnumerable<R> Map<R>(IAsyncEnumerable<Dictionary<string, AttributeValue>> raw, Func<Dictionary<string, AttributeValue>, R> map)
    {
        await foreach (var item in raw.ConfigureAwait(false))
        {
            yield return map(item);
        }
    }

    private static Aff<SessionEnv, Unit> batch(Table table, Func<IEnumerable<WriteRequest>> requests) =>
        call(table, "BatchWriteItem", async (db, ct) =>
        {
            await WriteAll(db, table.Name, requests(), ct).ConfigureAwait(false);
            return unit;
        });

    /// <summary>
    /// BatchWriteItem in chunks of 25, retrying unprocessed items with capped exponential backoff and jitter until all
    /// are written, or failing with how many were left (earlier chunks stay written).
    /// </summary>
    private static async Task WriteAll(IAmazonDynamoDB db, string tableName, IEnumerable<WriteRequest> requests, CancellationToken ct)
    {
        foreach (var chunk in requests.Chunk(BatchSize))
        {
            var pending = new Dictionary<string, List<WriteRequest>> { [tableName] = [.. chunk] };
            for (var attempt = 0; pending.Values.Any(v => v.Count > 0); attempt++)
            {
                if (attempt == BatchAttempts)
                {
                    throw new ProvisionedThroughputExceededException(
                        $"BatchWriteItem left {pending.Values.Sum(v => v.Count)} item(s) unprocessed after {BatchAttempts} attempts with backoff; the earlier chunks were written.");
                }

                if (attempt > 0)
                {
                    // Unprocessed items mean the table is throttling: back off, with jitter so parallel writers spread out.
                    var cap = Math.Min(2000, 50 * (1 << Math.Min(attempt, 10)));
                    await Task.Delay(Random.Shared.Next(cap / 2, cap), ct).ConfigureAwait(false);
                }

                var response = await db.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct).ConfigureAwait(false);
                pending = response.UnprocessedItems ?? [];
            }
        }
    }

    private static void ApplyCondition(DynamoCondition? condition, Action<string> expression, Action<Dictionary<string, string>> names, Action<Dictionary<string, AttributeValue>> values)
    {
        if (condition is null)
        {
            return;
        }

        expression(condition.Expression);
        if (condition.Names.Count > 0)
        {
            names(new Dictionary<string, string>(condition.Names));
        }

        if (condition.Values.Count > 0)
        {
            values(AttributeValues.Map(condition.Values));
        }
    }

    private static Aff<SessionEnv, R> call<R>(Table table, string operation, Func<IAmazonDynamoDB, CancellationToken, Task<R>> f) =>
        call(table, operation, (session, ct) => f(session.DynamoDB, ct));

    /// <summary>
    /// The one place an operation meets a session: resolve the table's binding now, lease the session, run, release,
    /// and turn what was thrown into a failure that names table, operation and session.
    /// </summary>
    private static Aff<SessionEnv, R> call<R>(Table table, string operation, Func<AwsSession, CancellationToken, Task<R>> f)
    {
        ArgumentNullException.ThrowIfNull(table);
        return LanguageExt.Aff<SessionEnv, R>.EffectMaybe(async env =>
        {
            var session = env.Resolve(table);
            try
            {
                // Leased while it runs (an evicted pooled session is disposed only after the release), credentials ready.
                using var lease = await session.LeaseReadyAsync().ConfigureAwait(false);
                return FinSucc(await f(session, env.CancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                return FinFail<R>(Failures.From(ex, table, operation, session));
            }
        });
    }
}

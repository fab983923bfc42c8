using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Core;

/// <summary>Every table operation against DynamoDB Local, in a fresh account per test.</summary>
public sealed class TableOperationTests : IAsyncLifetime
{
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();
    private readonly string accessKey = LocalDynamo.NewAccessKey("Ops");
    private AwsSession session = null!;

    public async Task InitializeAsync()
    {
        session = await LocalDynamo.SessionAsync(accessKey);
        var description = await Run.Value(createTable(Orders), session);
        Assert.Equal("ACTIVE", description.TableStatus.Value);
    }

    public async Task DisposeAsync()
    {
        await Run.Value(deleteTable(Orders), session);
        Assert.False(await Run.Value(tableExists(Orders), session));
        session.Dispose();
    }

    [Fact]
    public async Task Created_tables_have_the_descriptors_keys_indexes_and_on_demand_billing()
    {
        var d = await Run.Value(describeTable(Orders), session);
        Assert.Equal(new[] { "customer", "placed" }, d.KeySchema.Select(k => k.AttributeName));
        Assert.Equal("by-status", Assert.Single(d.GlobalSecondaryIndexes).IndexName);
        Assert.Equal("by-total", Assert.Single(d.LocalSecondaryIndexes).IndexName);
        Assert.Equal("PAY_PER_REQUEST", d.BillingModeSummary?.BillingMode?.Value ?? "PAY_PER_REQUEST");
    }

    [Fact]
    public async Task Save_get_update_and_delete_round_trip_an_item()
    {
        var order = new Order { CustomerId = "c1", PlacedAt = 10, Status = "new", Total = 12.5m, Tags = ["gift"] };
        await Run.Value(save(Orders, order), session);

        var read = (await Run.Value(get(Orders, "c1", 10, consistentRead: true), session)).IfNone(() => throw new InvalidOperationException("missing"));
        Assert.Equal(12.5m, read.Total);
        Assert.Equal(new[] { "gift" }, read.Tags!);

        var updated = await Run.Value(update(Orders, "c1", 10, ItemUpdate.Set("Status", "paid").AndAdd("Tags", new System.Collections.Generic.HashSet<string> { "rush" })), session);
        Assert.Equal("paid", updated.Status);
        Assert.Equal(new[] { "gift", "rush" }, updated.Tags!.Order());

        // Key values convert to the key's type: an int for a long range key.
        Assert.True((await Run.Value(get(Orders, "c1", 10), session)).IsSome);
        await Run.Value(delete(Orders, "c1", 10), session);
        Assert.True((await Run.Value(get(Orders, "c1", 10L), session)).IsNone);
    }

    [Fact]
    public async Task A_conditional_save_fails_with_the_SDKs_exception_when_the_condition_does_not_hold()
    {
        var first = new Order { CustomerId = "dup", PlacedAt = 1 };
        await Run.Value(save(Orders, first, DynamoCondition.ItemDoesNotExist(Orders)), session);

        var ex = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() =>
            Run.Value(save(Orders, new Order { CustomerId = "dup", PlacedAt = 1, Total = 99 }, DynamoCondition.ItemDoesNotExist(Orders)), session));

        Assert.Contains("UpdateItem on table orders", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0m, (await Run.Value(get(Orders, "dup", 1), session)).Map(o => o.Total).IfNone(-1m));
    }

    [Fact]
    public async Task Query_uses_range_conditions_filters_order_limits_and_indexes()
    {
        var items = Enumerable.Range(1, 30).Select(i => new Order
        {
            CustomerId = i % 2 == 0 ? "even" : "odd",
            PlacedAt = i,
            Status = i % 3 == 0 ? "cancelled" : "open",
            Total = i,
        }).ToList();
        await Run.Value(batchSave(Orders, items), session);

        var between = await Run.Value(query(Orders, "even", new QueryOptions { Range = RangeKeyCondition.Between(4, 12) }), session);
        Assert.Equal(new long[] { 4, 6, 8, 10, 12 }, between.Select(o => o.PlacedAt));

        var filtered = await Run.Value(query(Orders, "even", new QueryOptions
        {
            Range = RangeKeyCondition.GreaterThanOrEqual(10),
            Filter = DynamoCondition.Of("#s <> :c", [("#s", "Status")], [(":c", "cancelled")]),
            Descending = true,
            Limit = 3,
            PageSize = 2,
        }), session);
        Assert.Equal(new long[] { 28, 26, 22 }, filtered.Select(o => o.PlacedAt));

        var cancelled = await Run.Value(query(Orders, "cancelled", new QueryOptions { IndexName = "by-status" }), session);
        Assert.Equal(10, cancelled.Count);
        Assert.All(cancelled, o => Assert.Equal(0, o.PlacedAt % 3));

        var byTotal = await Run.Value(query(Orders, "odd", new QueryOptions { IndexName = "by-total", Range = RangeKeyCondition.LessThan(6m) }), session);
        Assert.Equal(new long[] { 1, 3, 5 }, byTotal.Select(o => o.PlacedAt));

        Assert.Equal(15L, await Run.Value(countQuery(Orders, "odd"), session));
        Assert.Equal(10L, await Run.Value(count(Orders, new ScanOptions { Filter = DynamoCondition.Of("#s = :c", [("#s", "Status")], [(":c", "cancelled")]) }), session));
    }

    [Fact]
    public async Task Bad_query_input_fails_before_any_request_with_a_clear_message()
    {
        var noIndex = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(query(Orders, "x", new QueryOptions { IndexName = "nope" }), session));
        Assert.Contains("no index named 'nope' (declared: by-status, by-total)", noIndex.Message, StringComparison.Ordinal);

        var noRange = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(query(Orders, "x", new QueryOptions { IndexName = "by-status", Range = RangeKeyCondition.EqualTo(1) }), session));
        Assert.Contains("has no range key", noRange.Message, StringComparison.Ordinal);

        var wrongType = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(get(Orders, "c", "not a number"), session));
        Assert.Contains("Key placed holds Int64", wrongType.Message, StringComparison.Ordinal);

        var missingRange = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(get(Orders, "c"), session));
        Assert.Contains("has a range key (placed)", missingRange.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batches_larger_than_25_are_chunked_and_scans_page_through_everything_exactly_once()
    {
        var items = Enumerable.Range(0, 137).Select(i => new Order { CustomerId = $"c{i % 7}", PlacedAt = i, Total = i }).ToList();
        await Run.Value(batchSave(Orders, items), session);

        var all = await Run.Value(scan(Orders, new ScanOptions { PageSize = 10 }), session);
        Assert.Equal(items.Select(i => i.PlacedAt).Order(), all.Select(o => o.PlacedAt).Order());

        var streamed = new List<long>();
        var stream = await Run.Value(scanStream(Orders, new ScanOptions { PageSize = 9 }), session);
        await foreach (var o in stream)
        {
            streamed.Add(o.PlacedAt);
        }

        Assert.Equal(137, streamed.Count);
        Assert.Equal(137, streamed.Distinct().Count());
        Assert.Equal(20, (await Run.Value(scan(Orders, new ScanOptions { Limit = 20, PageSize = 7 }), session)).Count);

        await Run.Value(batchDelete(Orders, items.Take(100)), session);
        Assert.Equal(37L, await Run.Value(count(Orders), session));
    }

    [Fact]
    public async Task Copying_items_moves_every_attribute_as_stored_into_the_target_account_page_by_page()
    {
        var targetKey = LocalDynamo.NewAccessKey("CopyTo");
        using var target = await LocalDynamo.SessionAsync(targetKey);
        await Run.Value(createTable(Orders), target);
        var items = Enumerable.Range(0, 60).Select(i => new Order { CustomerId = $"c{i % 3}", PlacedAt = i, Status = i % 2 == 0 ? "even" : "odd" }).ToList();
        await Run.Value(batchSave(Orders, items), session);
        using (var raw = await LocalDynamo.RawClientAsync(accessKey))
        {
            // An attribute the class does not map must survive the copy too.
            await raw.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = "orders",
                Key = new() { ["customer"] = new AttributeValue { S = "c0" }, ["placed"] = new AttributeValue { N = "0" } },
                UpdateExpression = "SET extra = :x",
                ExpressionAttributeValues = new() { [":x"] = new AttributeValue { S = "unmapped" } },
            });
        }

        var all = await Run.Value(copyItems(Orders, target, new ScanOptions { PageSize = 7 }), session);
        var evenOnly = await Run.Value(copyItems(Orders, target, new ScanOptions { Filter = DynamoCondition.Of("#s = :e", [("#s", "Status")], [(":e", "even")]) }), session);

        Assert.Equal(60L, all);
        Assert.Equal(30L, evenOnly);
        Assert.Equal(60L, await Run.Value(count(Orders), target));
        using var rawTarget = await LocalDynamo.RawClientAsync(targetKey);
        var copied = await rawTarget.GetItemAsync("orders", new() { ["customer"] = new AttributeValue { S = "c0" }, ["placed"] = new AttributeValue { N = "0" } });
        Assert.Equal("unmapped", copied.Item["extra"].S);

        using var noTable = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("NoTable"));
        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(copyItems(Orders, noTable), session));
        Assert.Contains("BatchWriteItem on table orders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_an_operation_and_is_reported_as_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run.Value(scan(Orders), session, cts.Token));
    }

    [Fact]
    public async Task A_missing_table_surfaces_as_ResourceNotFound_naming_table_operation_and_masked_session()
    {
        using var empty = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Empty"));
        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(scan(Orders), empty));
        Assert.Contains("Scan on table orders via Keys(key=", ex.Message, StringComparison.Ordinal);
        Assert.Contains("****", ex.Message, StringComparison.Ordinal);
        Assert.IsType<ResourceNotFoundException>(ex.InnerException);
    }
}

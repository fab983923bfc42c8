using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataLayer;

/// <summary>Batch get: many keys, chunked, duplicates read once, input order kept, missing items absent, bad keys named.</summary>
public sealed class BatchGetTests : IAsyncLifetime
{
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private AwsSession session = null!;

    public async Task InitializeAsync()
    {
        session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("BGet"));
        await Run.Value(createTable(Orders), session);
        await Run.Value(createTable(Users), session);
        await Run.Value(batchSave(Orders, Enumerable.Range(0, 200).Select(i => new Order { CustomerId = $"c{i % 7}", PlacedAt = i, Total = i })), session);
        await Run.Value(batchSave(Users, Enumerable.Range(0, 10).Select(i => new User { Id = $"u{i}", Name = $"n{i}" })), session);
    }

    public Task DisposeAsync()
    {
        session.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_batch_get_of_250_keys_with_missing_and_duplicated_ones_equals_the_individual_gets_in_input_order()
    {
        var random = new Random(42);
        var keys = Enumerable.Range(0, 250).Select(_ => random.Next(0, 260)).Select(i => ItemKey.Of($"c{i % 7}", (long)i)).ToList();
        using var log = new RequestLog(session);
        var batch = await Run.Value(batchGet(Orders, keys, consistentRead: true), session);

        var expected = new List<Order>();
        var seen = new HashSet<long>();
        foreach (var key in keys)
        {
            var single = await Run.Value(get(Orders, key.HashKey, key.RangeKey, consistentRead: true), session);
            if (seen.Add((long)key.RangeKey!) && single.IsSome)
            {
                expected.Add(single.IfNone(() => throw new InvalidOperationException()));
            }
        }

        Assert.Equal(expected.Select(o => (o.CustomerId, o.PlacedAt, o.Total)), batch.Select(o => (o.CustomerId, o.PlacedAt, o.Total)));
        Assert.Contains(keys, k => (long)k.RangeKey! >= 200);
        Assert.True(keys.Count > keys.Distinct().Count(), "the input has duplicates");
        var distinct = keys.Distinct().Count();
        Assert.Equal((distinct + 99) / 100, log.Count("BatchGetItem"));
    }

    [Fact]
    public async Task Keys_convert_to_the_key_type_and_numbers_match_by_value()
    {
        var found = await Run.Value(batchGet(Orders, [ItemKey.Of("c3", 3), ItemKey.Of("c3", 3m), ItemKey.Of("c3", 10L)]), session);
        Assert.Equal(new[] { 3L, 10L }, found.Select(o => o.PlacedAt));
    }

    [Fact]
    public async Task No_keys_send_nothing()
    {
        using var log = new RequestLog(session);
        Assert.Empty(await Run.Value(batchGet(Users, []), session));
        Assert.Empty(log.Operations);
    }

    [Fact]
    public async Task Bad_keys_fail_before_sending_naming_table_and_position()
    {
        using var log = new RequestLog(session);
        var missingRange = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(batchGet(Orders, [ItemKey.Of("c1", 1), ItemKey.Of("c1")]), session));
        Assert.Contains("table orders", missingRange.Message, StringComparison.Ordinal);
        Assert.Contains("position 1", missingRange.Message, StringComparison.Ordinal);

        var wrongType = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(batchGet(Orders, [ItemKey.Of("c1", "not a number")]), session));
        Assert.Contains("position 0", wrongType.Message, StringComparison.Ordinal);

        var nullKey = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(batchGet(Users, [ItemKey.Of("u1"), null!]), session));
        Assert.Contains("position 1", nullKey.Message, StringComparison.Ordinal);
        Assert.Empty(log.Operations);
    }

    [Fact]
    public async Task The_facade_reads_the_same_through_the_bindings_where_it_is_called()
    {
        using var other = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("BGetOther"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(other));
        using (Sessions.UseSession(Users, session))
        {
            var users = await Users.BatchGetAsync(new[] { "u3", "u1", "missing", "u3" }.Select(id => ItemKey.Of(id)));
            Assert.Equal(["u3", "u1"], users.Select(u => u.Id));
        }

        await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(() => Users.BatchGetAsync([ItemKey.Of("u1")]));
    }
}

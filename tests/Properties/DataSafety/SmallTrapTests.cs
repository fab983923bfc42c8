using System;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataSafety;

/// <summary>Smaller traps: an unbounded wait, and a consistent read DynamoDB refuses on global indexes.</summary>
public sealed class SmallTrapTests
{
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();

    [Fact]
    public async Task Waiting_for_table_work_has_a_timeout_that_says_what_it_waited_for()
    {
        // DynamoDB Local deletes at once, so the wait itself is driven here with a table that never goes away.
        var ex = await Assert.ThrowsAsync<TimeoutException>(() =>
            TableWait.Until("orders", "to be deleted", TimeSpan.FromMilliseconds(300), _ => Task.FromResult(false), default));
        Assert.Contains("Waited 00:00:00.3000000 for table orders to be deleted", ex.Message, StringComparison.Ordinal);

        // deleteTable waits through it (with a deadline), and a caller's cancellation stays a cancellation.
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Wait"));
        await Run.Value(createTable(Orders), session);
        await Run.Value(deleteTable(Orders, TimeSpan.FromSeconds(30)), session);
        Assert.False(await Run.Value(tableExists(Orders), session));
        using var cancelled = new System.Threading.CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TableWait.Until("orders", "to be deleted", TimeSpan.FromSeconds(30), _ => Task.FromResult(false), cancelled.Token));
    }

    [Fact]
    public async Task A_consistent_read_on_a_global_index_fails_before_sending_naming_the_index()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Gsi"));
        using var log = new RequestLog(session);
        var query = await Assert.ThrowsAsync<ArgumentException>(() =>
            Run.Value(Dynamo.query(Orders, "open", new QueryOptions { IndexName = "by-status", ConsistentRead = true }), session));
        Assert.Contains("'by-status'", query.Message, StringComparison.Ordinal);
        var scan = await Assert.ThrowsAsync<ArgumentException>(() =>
            Run.Value(Dynamo.scan(Orders, new ScanOptions { IndexName = "by-status", ConsistentRead = true }), session));
        Assert.Contains("'by-status'", scan.Message, StringComparison.Ordinal);

        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var order in Orders.QueryAsync("open", new QueryOptions { IndexName = "by-status", ConsistentRead = true }))
            {
            }
        });
        Assert.Empty(log.Operations);

        // The local index allows it.
        await Run.Value(createTable(Orders), session);
        Assert.Empty(await Run.Value(Dynamo.query(Orders, "c", new QueryOptions { IndexName = "by-total", ConsistentRead = true }), session));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataSafety;

/// <summary>
/// Facade streams stop when cancelled: the method's token and <c>WithCancellation</c>'s both end the enumeration with
/// <see cref="OperationCanceledException"/> before another page is requested (issue: they used to read every page).
/// </summary>
public sealed class StreamCancellationTests : IAsyncLifetime
{
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();
    private AwsSession session = null!;
    private RequestLog log = null!;

    public async Task InitializeAsync()
    {
        session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Cancel"));
        await Run.Value(createTable(Orders), session);
        await Run.Value(batchSave(Orders, Enumerable.Range(0, 50).Select(i => new Order { CustomerId = "c", PlacedAt = i, Status = "s" })), session);
        log = new RequestLog(session);
    }

    public Task DisposeAsync()
    {
        log.Dispose();
        session.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string> Streams() => ["scan token", "scan WithCancellation", "query token", "query WithCancellation", "linq token", "linq WithCancellation"];

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task A_cancelled_stream_throws_before_requesting_another_page(string how)
    {
        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        using var cts = new CancellationTokenSource();
        var (method, enumerator) = how.EndsWith("WithCancellation", StringComparison.Ordinal) ? (CancellationToken.None, cts.Token) : (cts.Token, CancellationToken.None);
        var stream = how.Split(' ')[0] switch
        {
            "scan" => Orders.ScanAsync(new ScanOptions { PageSize = 10 }, method),
            "query" => Orders.QueryAsync("c", new QueryOptions { PageSize = 10 }, method),
            _ => Orders.Query().Where(o => o.CustomerId == "c").WithPageSize(10).AsAsyncEnumerable(method),
        };

        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var order in stream.WithCancellation(enumerator))
            {
                read++;
                cts.Cancel();
            }
        });

        Assert.InRange(read, 1, 10);
        Assert.Equal(1, log.Operations.Count(o => o is "Scan" or "Query"));
    }

    [Fact]
    public async Task The_core_stream_stops_on_the_enumerators_token_too()
    {
        var stream = await Run.Value(scanStream(Orders, new ScanOptions { PageSize = 10 }), session);
        using var cts = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var order in stream.WithCancellation(cts.Token))
            {
                read++;
                cts.Cancel();
            }
        });

        Assert.InRange(read, 1, 10);
        Assert.Equal(1, log.Count("Scan"));
    }

    [Fact]
    public async Task An_uncancelled_stream_still_reads_every_page_and_a_break_stops_reading()
    {
        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        var all = new List<Order>();
        await foreach (var order in Orders.ScanAsync(new ScanOptions { PageSize = 10 }))
        {
            all.Add(order);
        }

        Assert.Equal(50, all.Count);
        var pages = log.Count("Scan");
        Assert.True(pages >= 5, $"{pages} pages");

        await foreach (var order in Orders.ScanAsync(new ScanOptions { PageSize = 10 }))
        {
            break;
        }

        Assert.Equal(pages + 1, log.Count("Scan"));
    }
}

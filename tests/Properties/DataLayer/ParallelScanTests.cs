using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataLayer;

/// <summary>Parallel scans: the same items as a plain scan for any segment count, counts and copies too; cancellation and failures stop every segment.</summary>
public sealed class ParallelScanTests
{
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();

    [Property(MaxTest = 12)]
    public Property A_parallel_scan_returns_the_same_set_as_a_plain_scan(PositiveInt size, PositiveInt seed)
    {
        var n = size.Get % 300;
        var problems = Task.Run(async () =>
        {
            using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Par"));
            await Run.Value(createTable(Orders), session);
            var random = new Random(seed.Get);
            var items = Enumerable.Range(0, n).Select(i => new Order { CustomerId = $"c{random.Next(0, 40)}", PlacedAt = i, Status = random.Next(0, 2) == 0 ? "a" : "b" }).ToList();
            await Run.Value(batchSave(Orders, items), session);
            var plain = Keys(await Run.Value(scan(Orders), session));
            var found = new List<string>();
            foreach (var segments in new[] { 1, 3, 8 })
            {
                var parallel = Keys(await Run.Value(scan(Orders, new ScanOptions { Segments = segments, PageSize = 9 }), session));
                if (!parallel.SequenceEqual(plain))
                {
                    found.Add($"{segments} segments: {parallel.Count} items, plain {plain.Count}");
                }

                var filter = DynamoCondition.For<Order>(o => o.Status == "a");
                var counted = await Run.Value(count(Orders, new ScanOptions { Segments = segments, Filter = filter }), session);
                if (counted != items.Count(i => i.Status == "a"))
                {
                    found.Add($"{segments} segments counted {counted}");
                }
            }

            if (plain.Count != n)
            {
                found.Add($"plain scan found {plain.Count} of {n}");
            }

            return found;
        }).GetAwaiter().GetResult();
        return (problems.Count == 0).Label(string.Join("; ", problems)).Classify(n > 100, "more than 100 items");
    }

    [Fact]
    public async Task Streams_copies_and_limits_use_the_segments()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ParCopy"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ParTarget"));
        await Run.Value(createTable(Orders), session);
        await Run.Value(createTable(Orders), target);
        await Run.Value(batchSave(Orders, Enumerable.Range(0, 120).Select(i => new Order { CustomerId = $"c{i}", PlacedAt = i })), session);

        using var log = new RequestLog(session);
        Assert.Equal(120L, await Run.Value(copyItems(Orders, target, new ScanOptions { Segments = 4, PageSize = 10 }), session));
        Assert.Equal(120L, await Run.Value(count(Orders), target));
        Assert.True(log.Count("Scan") >= 12, $"{log.Count("Scan")} scans");

        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        var streamed = new List<Order>();
        await foreach (var order in Orders.ScanAsync(new ScanOptions { Segments = 5, PageSize = 7 }))
        {
            streamed.Add(order);
        }

        Assert.Equal(120, streamed.Select(o => o.CustomerId).Distinct().Count());
        Assert.Equal(33, (await Run.Value(scan(Orders, new ScanOptions { Segments = 3, Limit = 33, PageSize = 5 }), session)).Count);
    }

    [Fact]
    public async Task Cancelling_a_parallel_stream_stops_every_segment()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ParCancel"));
        await Run.Value(createTable(Orders), session);
        await Run.Value(batchSave(Orders, Enumerable.Range(0, 400).Select(i => new Order { CustomerId = $"c{i}", PlacedAt = i })), session);
        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        using var log = new RequestLog(session);
        using var cts = new CancellationTokenSource();

        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var order in Orders.ScanAsync(new ScanOptions { Segments = 4, PageSize = 5 }, cts.Token))
            {
                if (++read == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        var afterStop = log.Count("Scan");
        await Task.Delay(300);
        Assert.Equal(afterStop, log.Count("Scan"));
        Assert.True(afterStop < 400 / 5, $"{afterStop} pages were read after cancelling at item 3");
    }

    [Fact]
    public async Task A_failing_segment_stops_the_others_and_its_failure_reaches_the_caller()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ParFail"));
        var ex = await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(() => Run.Value(scan(Orders, new ScanOptions { Segments = 4 }), session));
        Assert.Contains("Scan on table orders via", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_options_are_checked_before_sending()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ParBad"));
        using var log = new RequestLog(session);
        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scan(Orders, new ScanOptions { Segment = 1 }), session));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Run.Value(scan(Orders, new ScanOptions { Segment = 3, TotalSegments = 3 }), session));
        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scan(Orders, new ScanOptions { Segment = 0, TotalSegments = 2, Segments = 2 }), session));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Run.Value(scan(Orders, new ScanOptions { Segments = 0 }), session));
        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { Segments = 2 }), session));
        Assert.Empty(log.Operations);
    }

    private static List<string> Keys(IEnumerable<Order> orders) => [.. orders.Select(o => $"{o.CustomerId}/{o.PlacedAt}/{o.Status}").Order(StringComparer.Ordinal)];
}

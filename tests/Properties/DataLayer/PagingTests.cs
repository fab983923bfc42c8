using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataLayer;

/// <summary>Page tokens: every item exactly once, URL-safe, bound to their read, and refused when changed — before sending.</summary>
public sealed partial class PagingTests : IAsyncLifetime
{
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private AwsSession session = null!;

    public async Task InitializeAsync()
    {
        session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Page"));
        await Run.Value(createTable(Orders), session);
        await Run.Value(createTable(Users), session);
        await Run.Value(batchSave(Orders, Enumerable.Range(0, 1000).Select(i => new Order { CustomerId = i % 2 == 0 ? "even" : "odd", PlacedAt = i, Status = i % 3 == 0 ? "three" : "other" })), session);
    }

    public Task DisposeAsync()
    {
        session.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Paging_through_1000_items_with_page_size_7_returns_every_item_exactly_once()
    {
        var seen = new List<long>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Run.Value(scanPage(Orders, new ScanOptions { PageSize = 7, StartToken = token }), session);
            Assert.InRange(page.Items.Count, 0, 7);
            seen.AddRange(page.Items.Select(o => o.PlacedAt));
            token = page.NextToken;
            Assert.True(token is null || UrlSafe().IsMatch(token), token);
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), seen.Order());
        Assert.InRange(pages, 143, 144);
    }

    [Fact]
    public async Task Query_pages_and_LINQ_pages_cover_their_items_once_in_order()
    {
        var viaQuery = new List<long>();
        string? token = null;
        do
        {
            var page = await Run.Value(queryPage(Orders, "odd", new QueryOptions { PageSize = 7, Descending = true, StartToken = token }), session);
            viaQuery.AddRange(page.Items.Select(o => o.PlacedAt));
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 1000).Where(i => i % 2 == 1).Select(i => (long)i).Reverse(), viaQuery);

        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        var query = Orders.Query().Where(o => o.CustomerId == "even" && o.Status == "three").WithPageSize(7).Select(o => o.PlacedAt);
        var viaLinq = new List<long>();
        token = null;
        do
        {
            var page = await query.ToPageAsync(token);
            viaLinq.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 1000).Where(i => i % 2 == 0 && i % 3 == 0).Select(i => (long)i), viaLinq);
    }

    [Fact]
    public async Task A_token_from_another_table_or_a_changed_one_fails_before_sending()
    {
        var first = await Run.Value(scanPage(Orders, new ScanOptions { PageSize = 5 }), session);
        var token = first.NextToken!;
        using var log = new RequestLog(session);

        var otherTable = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Users, new ScanOptions { StartToken = token }), session));
        Assert.Contains("issued for another read", otherTable.Message, StringComparison.Ordinal);

        var otherIndex = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { IndexName = "by-status", StartToken = token }), session));
        Assert.Contains("another read", otherIndex.Message, StringComparison.Ordinal);

        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        var changed = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { StartToken = tampered }), session));
        Assert.Contains("checksum", changed.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { StartToken = "not a token!" }), session));
        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { Limit = 3 }), session));
        Assert.Empty(log.Operations);

        // The unchanged token continues where the first page stopped, also through a full stream read.
        var rest = await Run.Value(scan(Orders, new ScanOptions { StartToken = token }), session);
        Assert.Equal(1000 - first.Items.Count, rest.Count);
    }

    [Fact]
    public async Task A_segment_pages_on_its_own_and_its_token_is_bound_to_it()
    {
        var all = new List<long>();
        for (var segment = 0; segment < 3; segment++)
        {
            string? token = null;
            do
            {
                var page = await Run.Value(scanPage(Orders, new ScanOptions { Segment = segment, TotalSegments = 3, PageSize = 50, StartToken = token }), session);
                all.AddRange(page.Items.Select(o => o.PlacedAt));
                token = page.NextToken;
                if (token is not null && segment == 0)
                {
                    await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { Segment = 1, TotalSegments = 3, StartToken = token }), session));
                }
            }
            while (token is not null);
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), all.Order());
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex UrlSafe();
}

using System;
using System.Buffers.Text;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;
using Xunit.Abstractions;
using static SessionEffects.Dynamo;
using static SessionEffects.Pools;

namespace SessionEffects.Properties.DataLayer;

/// <summary>
/// Page tokens are bound to what the session reaches: a token from tenant B's scope is refused under tenant A before
/// anything is sent, while the same tenant's session made again (by hand or by its pool) takes it. With
/// <see cref="PageTokenKeys"/> a token is sealed: it shows no key value, any changed byte is refused, and a key ring
/// rotates (new tokens with the newest key, old ones accepted while the old key is in the ring).
/// </summary>
public sealed class PageTokenBindingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Marker = "customer-Zq9Marker";
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();
    private static readonly byte[] OldSecret = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] NewSecret = RandomNumberGenerator.GetBytes(32);
    private DynamoDbLocal local = null!;
    private string keyA = null!;
    private string keyB = null!;

    public async Task InitializeAsync()
    {
        local = await DynamoDbLocal.Shared;
        (keyA, keyB) = (LocalDynamo.NewAccessKey("TokA"), LocalDynamo.NewAccessKey("TokB"));
        foreach (var key in new[] { keyA, keyB })
        {
            using var session = local.Account(key);
            await Run.Value(createTable(Orders), session);
            await Run.Value(batchSave(Orders, Enumerable.Range(0, 30).Select(i => new Order { CustomerId = Marker, PlacedAt = 7_000_000 + i })), session);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_token_from_tenant_B_is_refused_under_tenant_A_and_the_same_tenant_made_again_takes_it()
    {
        using var pool = new SessionPool<string>(tenant => local.Account(tenant == "a" ? keyA : keyB));
        var options = new QueryOptions { PageSize = 5 };
        var fromB = await Run.Value(useTenant(pool, Orders, "b", queryPage(Orders, Marker, options)), local.NewAccount());
        Assert.NotNull(fromB.NextToken);

        var sessionA = await pool.GetAsync("a");
        using (var log = new RequestLog(sessionA))
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
                Run.Value(useTenant(pool, Orders, "a", queryPage(Orders, Marker, options with { StartToken = fromB.NextToken })), local.NewAccount()));
            Assert.Contains("issued under another session", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, log.Count("Query"));
        }

        // Tenant B's session made again by its pool (after an eviction) reaches the same account and takes the token.
        Assert.True(pool.Remove("b"));
        var next = await Run.Value(useTenant(pool, Orders, "b", queryPage(Orders, Marker, options with { StartToken = fromB.NextToken })), local.NewAccount());
        Assert.Equal(5, next.Items.Count);
        Assert.Empty(next.Items.Select(o => o.PlacedAt).Intersect(fromB.Items.Select(o => o.PlacedAt)));

        // A separately built session of the same keys does too; another region of them does not.
        using var byHand = local.Account(keyB);
        Assert.Equal(5, (await Run.Value(queryPage(Orders, Marker, options with { StartToken = fromB.NextToken }), byHand)).Items.Count);
        using var elsewhere = local.Account(keyB, "eu-west-1");
        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(queryPage(Orders, Marker, options with { StartToken = fromB.NextToken }), elsewhere));
    }

    [Fact]
    public async Task A_sealed_token_shows_no_key_value_and_every_changed_byte_is_refused_before_sending()
    {
        using var session = local.Account(keyA);
        var keys = PageTokenKeys.Create("k2026", NewSecret);
        var plain = await Run.Value(scanPage(Orders, new ScanOptions { PageSize = 4 }), session);
        var page = await Run.Value(scanPage(Orders, new ScanOptions { PageSize = 4, PageTokenKeys = keys }), session);
        var (plainToken, token) = (plain.NextToken!, page.NextToken!);
        output.WriteLine($"plain token: {plainToken.Length} characters; sealed token: {token.Length} characters");

        // The plain form carries the last key (documented); the sealed form shows none of it, in text or bytes.
        Assert.Contains(Marker, Encoding.UTF8.GetString(Base64Url.DecodeFromChars(plainToken)), StringComparison.Ordinal);
        var sealedBytes = Base64Url.DecodeFromChars(token);
        foreach (var value in new[] { Marker, "7000003", "customer", "placed" })
        {
            Assert.DoesNotContain(value, token, StringComparison.Ordinal);
            Assert.DoesNotContain(value, Encoding.UTF8.GetString(sealedBytes), StringComparison.Ordinal);
            Assert.DoesNotContain(value, Encoding.Latin1.GetString(sealedBytes), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Convert.ToHexString(NewSecret), keys.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.InRange(token.Length, 1, 200);

        // The sealed token works as is.
        var next = await Run.Value(scanPage(Orders, new ScanOptions { PageSize = 4, PageTokenKeys = keys, StartToken = token }), session);
        Assert.Equal(4, next.Items.Count);

        using var log = new RequestLog(session);
        for (var at = 0; at < sealedBytes.Length; at++)
        {
            var changed = (byte[])sealedBytes.Clone();
            changed[at] ^= 0x01;
            var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
                Run.Value(scanPage(Orders, new ScanOptions { PageSize = 4, PageTokenKeys = keys, StartToken = Base64Url.EncodeToString(changed) }), session));
            Assert.Contains("The start token cannot be used", ex.Message, StringComparison.Ordinal);
        }

        // Without the keys a sealed token is refused; with keys a plain one is (anyone could have made it).
        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { PageSize = 4, StartToken = token }), session));
        var forged = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { PageSize = 4, PageTokenKeys = keys, StartToken = plainToken }), session));
        Assert.Contains("plain", forged.Message, StringComparison.Ordinal);
        Assert.Equal(0, log.Count("Scan"));
    }

    [Fact]
    public async Task A_key_ring_rotates_new_tokens_use_the_newest_key_and_old_ones_work_until_their_key_is_dropped()
    {
        using var session = local.Account(keyA);
        var old = PageTokenKeys.Create("old", OldSecret);
        var rotated = PageTokenKeys.Create("new", NewSecret).Accepting("old", OldSecret);
        var dropped = PageTokenKeys.Create("new", NewSecret);
        Assert.Equal("new", rotated.CurrentId);
        Assert.Equal(["new", "old"], rotated.Ids);
        Assert.Equal("PageTokenKeys(current=new, accepted=new,old)", rotated.ToString());

        var oldToken = (await Run.Value(scanPage(Orders, new ScanOptions { PageSize = 3, PageTokenKeys = old }), session)).NextToken!;
        var continued = await Run.Value(scanPage(Orders, new ScanOptions { PageSize = 3, PageTokenKeys = rotated, StartToken = oldToken }), session);
        Assert.Equal(3, continued.Items.Count);

        // The next token is made with the newest key: the ring without the old key takes it, and refuses the old one.
        var newToken = continued.NextToken!;
        Assert.Equal(3, (await Run.Value(scanPage(Orders, new ScanOptions { PageSize = 3, PageTokenKeys = dropped, StartToken = newToken }), session)).Items.Count);
        var gone = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Orders, new ScanOptions { PageSize = 3, PageTokenKeys = dropped, StartToken = oldToken }), session));
        Assert.Contains("made with key 'old'", gone.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => PageTokenKeys.Create("short", new byte[16]));
        Assert.Throws<ArgumentException>(() => PageTokenKeys.Create("no spaces", NewSecret));
        Assert.Throws<ArgumentException>(() => rotated.Accepting("old", OldSecret));
    }
}

using System;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.DataLayer;

/// <summary>
/// Transactions: all or nothing, versions honoured, failed parts named, and the rule no other library has — every part
/// must resolve to the same session, or nothing is sent.
/// </summary>
public sealed class TransactionTests : IAsyncLifetime
{
    private static readonly DynamoTable<BankAccount> Accounts = DynamoTable.Of<BankAccount>();
    private static readonly DynamoTable<VersionedDoc> Docs = DynamoTable.Of<VersionedDoc>();
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private AwsSession session = null!;

    public async Task InitializeAsync()
    {
        session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Tx"));
        await Task.WhenAll(Run.Value(createTable(Accounts), session), Run.Value(createTable(Docs), session), Run.Value(createTable(Users), session));
        await Run.Value(save(Accounts, new BankAccount { Owner = "alice", Balance = 100 }), session);
        await Run.Value(save(Accounts, new BankAccount { Owner = "bob", Balance = 0 }), session);
    }

    public Task DisposeAsync()
    {
        session.Dispose();
        return Task.CompletedTask;
    }

    private static WritePart[] Transfer(long amount) =>
    [
        WritePart.Update(Accounts, "alice", null, ItemUpdate.Of<BankAccount>().Add(a => a.Balance, -amount).When(a => a.Balance >= amount)),
        WritePart.Update(Accounts, "bob", null, ItemUpdate.Of<BankAccount>().Add(a => a.Balance, amount)),
    ];

    [EngineFact(EngineFeature.Transactions)]
    public async Task Moving_a_balance_is_all_or_nothing_and_a_failed_condition_names_its_part()
    {
        await Run.Value(transactWrite(Transfer(60)), session);
        Assert.Equal((40L, 60L), await Balances());

        var ex = await Assert.ThrowsAsync<TransactionCanceledException>(() => Run.Value(transactWrite(Transfer(60)), session));
        Assert.Equal((40L, 60L), await Balances());
        Assert.Equal("ConditionalCheckFailed", ex.CancellationReasons[0].Code);
        Assert.Contains("part 0 on table accounts key {owner=alice}: ConditionalCheckFailed", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("part 1", ex.Message, StringComparison.Ordinal);
    }

    [EngineFact(EngineFeature.Transactions)]
    public async Task A_transaction_over_tables_bound_to_different_accounts_is_refused_and_nothing_is_written_anywhere()
    {
        using var other = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("TxOther"));
        await Run.Value(createTable(Users), other);
        using var log = new RequestLog(session);
        using var otherLog = new RequestLog(other);

        var parts = new[] { WritePart.Put(Users, new User { Id = "x" }), WritePart.Update(Accounts, "bob", null, ItemUpdate.Of<BankAccount>().Add(a => a.Balance, 1)) };
        var ex = await Assert.ThrowsAsync<TransactionSessionException>(() => Run.Value(useSession(Users, other, transactWrite(parts)), session));

        Assert.Contains("table users -> Keys(key=", ex.Message, StringComparison.Ordinal);
        Assert.Contains("table accounts -> Keys(key=", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Resolved.Count);
        Assert.Empty(log.Operations);
        Assert.Empty(otherLog.Operations);
        Assert.Equal((100L, 0L), await Balances());

        // The same parts with both tables on one account commit.
        await Run.Value(useSession(Accounts, other, useSession(Users, other, transactWrite([WritePart.Put(Users, new User { Id = "x" })]))), session);
        Assert.True((await Run.Value(get(Users, "x"), other)).IsSome);
    }

    [EngineFact(EngineFeature.Transactions)]
    public async Task A_stale_versioned_put_cancels_the_transaction_and_a_fresh_one_sets_the_version()
    {
        var doc = new VersionedDoc { Id = "v", Text = "first" };
        await Run.Value(transactWrite([WritePart.Put(Docs, doc)]), session);
        Assert.Equal(0, doc.Version);

        var stale = new VersionedDoc { Id = "v", Text = "stale" };
        var ex = await Assert.ThrowsAsync<TransactionCanceledException>(() =>
            Run.Value(transactWrite([WritePart.Put(Docs, stale), WritePart.Update(Accounts, "bob", null, ItemUpdate.Of<BankAccount>().Add(a => a.Balance, 5))]), session));
        Assert.Contains("table documents key {id=v}", ex.Message, StringComparison.Ordinal);
        Assert.Null(stale.Version);
        Assert.Equal((100L, 0L), await Balances());

        doc.Text = "second";
        await Run.Value(transactWrite([WritePart.Put(Docs, doc), WritePart.Check(Accounts, "alice", null, DynamoCondition.For<BankAccount>(a => a.Balance > 0))]), session);
        Assert.Equal(1, doc.Version);
    }

    [Fact]
    public async Task Bad_transactions_fail_before_sending()
    {
        using var log = new RequestLog(session);
        var tooMany = Enumerable.Range(0, 101).Select(i => WritePart.Put(Users, new User { Id = $"u{i}" }));
        Assert.Contains("at most 100", (await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(transactWrite(tooMany), session))).Message, StringComparison.Ordinal);

        var twice = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(transactWrite([WritePart.Put(Users, new User { Id = "same" }), WritePart.Delete(Users, "same")]), session));
        Assert.Contains("parts 0 and 1 both write item {id=same}", twice.Message, StringComparison.Ordinal);

        var badKey = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(transactWrite([WritePart.Delete(Users, "a"), WritePart.Delete(Users, "b", rangeKey: 1)]), session));
        Assert.Contains("part 1", badKey.Message, StringComparison.Ordinal);

        Assert.Throws<NotSupportedException>(() => DynamoCondition.For<User>(u => u.Name.ToUpperInvariant() == "X"));
        await Run.Value(transactWrite([]), session);
        Assert.Empty(log.Operations);
    }

    [EngineFact(EngineFeature.Transactions)]
    public async Task The_idempotency_token_applies_a_retried_transaction_once()
    {
        var token = Guid.NewGuid().ToString();
        var parts = Transfer(10);
        await Run.Value(transactWrite(parts, token), session);
        await Run.Value(transactWrite(parts, token), session);
        Assert.Equal((90L, 10L), await Balances());
    }

    [EngineFact(EngineFeature.Transactions)]
    public async Task A_read_transaction_finds_each_parts_item_and_the_facade_runs_both_kinds()
    {
        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        await Transactions.TransactWriteAsync(Transfer(25));
        var alice = GetPart.Of(Accounts, "alice");
        var bob = GetPart.Of(Accounts, "bob");
        var nobody = GetPart.Of(Users, "nobody");
        var result = await Transactions.TransactGetAsync([alice, bob, nobody]);

        Assert.Equal(75, result.Find(alice)!.Balance);
        Assert.Equal(25, result.Find(bob)!.Balance);
        Assert.Null(result.Find(nobody));
        Assert.Throws<ArgumentException>(() => result.Find(GetPart.Of(Accounts, "alice")));

        using var other = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("TxFacade"));
        using (Sessions.UseSession(Users, other))
        {
            await Assert.ThrowsAsync<TransactionSessionException>(() => Transactions.TransactGetAsync([alice, nobody]));
        }
    }

    private async Task<(long Alice, long Bob)> Balances()
    {
        var found = await Run.Value(batchGet(Accounts, [ItemKey.Of("alice"), ItemKey.Of("bob")], consistentRead: true), session);
        return (found.Single(a => a.Owner == "alice").Balance, found.Single(a => a.Owner == "bob").Balance);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;
using SessionEffects.TestSupport;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// A table bound to a mirrored session (two accounts of DynamoDB Local: two access keys) reads from the primary and
/// leaves every write's resulting state on the secondary too — saves, updates, deletes, batch writes and transactions,
/// sent by the library's effects or by a caller using the session's client directly — while a write the primary refuses
/// reaches neither side.
/// </summary>
public sealed class MirroredWriteTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();
    private static readonly DynamoTable<BankAccount> Accounts = DynamoTable.Of<BankAccount>();

    [EngineFact(EngineFeature.Transactions)]
    public async Task Every_write_effect_bound_to_a_mirror_leaves_the_same_items_on_both_accounts_and_reads_come_from_the_primary()
    {
        var local = await DynamoDbLocal.Shared;
        using var primary = local.NewAccount("MirP");
        using var secondary = local.NewAccount("MirS");
        foreach (var session in new[] { primary, secondary })
        {
            await Run.Value(createTable(Users), session);
            await Run.Value(createTable(Orders), session);
            await Run.Value(createTable(Accounts), session);
        }

        using var mirrored = AwsSession.Mirrored(primary, secondary);
        Task<A> Bound<A>(LanguageExt.Aff<SessionEnv, A> effect) =>
            Run.Value(useSession(Users, mirrored, useSession(Orders, mirrored, useSession(Accounts, mirrored, effect))), primary);
        await Bound(save(Users, new User { Id = "u1", Name = "Ann" }));
        await Bound(save(Users, new User { Id = "u2", Name = "Bob" }));
        await Bound(update(Users, "u1", null, ItemUpdate.Set("name", "Ann B").AndSet("x_extra", 7)));
        await Bound(delete(Users, "u2"));
        await Bound(batchSave(Orders, Enumerable.Range(0, 40).Select(i => new Order { CustomerId = "c" + (i % 3), PlacedAt = i, Total = i })));
        await Bound(batchDelete(Orders, Enumerable.Range(0, 10).Select(i => new Order { CustomerId = "c" + (i % 3), PlacedAt = i })));
        await Bound(transactWrite([
            WritePart.Put(Accounts, new BankAccount { Owner = "a1", Balance = 10 }),
            WritePart.Put(Accounts, new BankAccount { Owner = "a2", Balance = 20 }),
        ]));
        await Bound(transactWrite([
            WritePart.Update(Accounts, "a1", null, ItemUpdate.Add("balance", 5)),
            WritePart.Delete(Accounts, "a2"),
            WritePart.Put(Users, new User { Id = "u3", Name = "Cy" }),
        ]));

        foreach (DynamoTable table in new DynamoTable[] { Users, Orders, Accounts })
        {
            var verified = await Run.Value(verifyCopy(table, secondary), primary);
            Assert.True(verified.IsIdentical, $"{table.Name}: {verified}");
        }

        Assert.Equal(2, await Run.Value(count(Users), secondary));
        Assert.Equal(30, await Run.Value(count(Orders), secondary));
        Assert.Equal(15, (await Run.Value(get(Accounts, "a1"), secondary)).Map(a => a.Balance).IfNone(-1));
        Assert.Equal("Ann B", (await Run.Value(get(Users, "u1"), secondary)).Map(u => u.Name).IfNone("?"));

        // 2 saves + update + delete + 40 + 10 batch items + 2 + 3 transaction items.
        var statistics = mirrored.Mirror!.Statistics;
        Assert.Equal(59, statistics.MirroredWrites);
        Assert.Equal(0, statistics.FailedWrites);
        Assert.Equal(0, statistics.DirtyKeys);

        // Reads go to the primary only: an item only the secondary has is not seen through the mirror.
        await Run.Value(save(Users, new User { Id = "only-secondary" }), secondary);
        Assert.True((await Run.Value(get(Users, "only-secondary"), mirrored)).IsNone);
        Assert.Equal(2, await Run.Value(count(Users), mirrored));
    }

    [Fact]
    public async Task A_caller_using_the_client_directly_is_mirrored_and_gets_the_answer_it_asked_for()
    {
        using var bed = await MigrationBed.CreateAsync("MirRawP");
        var (primary, secondary) = (bed.Source, bed.Target);
        using var mirrored = AwsSession.Mirrored(primary, secondary);
        var db = mirrored.DynamoDB;
        var key = new Dictionary<string, AttributeValue> { ["id"] = new() { S = "r1" } };

        await db.PutItemAsync(new PutItemRequest { TableName = "users", Item = new() { ["id"] = new() { S = "r1" }, ["name"] = new() { S = "A" }, ["n"] = new() { N = "1" } } });
        var none = await db.UpdateItemAsync(new UpdateItemRequest { TableName = "users", Key = key, UpdateExpression = "SET #n = :v", ExpressionAttributeNames = new() { ["#n"] = "name" }, ExpressionAttributeValues = new() { [":v"] = new() { S = "B" } } });
        Assert.True(none.Attributes is null or { Count: 0 });
        var updatedNew = await db.UpdateItemAsync(new UpdateItemRequest { TableName = "users", Key = key, UpdateExpression = "ADD n :one", ExpressionAttributeValues = new() { [":one"] = new() { N = "1" } }, ReturnValues = ReturnValue.UPDATED_NEW });
        Assert.Equal(["n"], updatedNew.Attributes.Keys);
        Assert.Equal("2", updatedNew.Attributes["n"].N);

        var onSecondary = (await secondary.DynamoDB.GetItemAsync(new GetItemRequest { TableName = "users", Key = key, ConsistentRead = true })).Item;
        Assert.Equal("B", onSecondary["name"].S);
        Assert.Equal("2", onSecondary["n"].N);

        // A write the primary refuses (its condition fails) reaches neither side.
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => db.DeleteItemAsync(new DeleteItemRequest { TableName = "users", Key = key, ConditionExpression = "attribute_not_exists(id)" }));
        Assert.Equal(3, mirrored.Mirror!.Statistics.MirroredWrites);
        Assert.True((await secondary.DynamoDB.GetItemAsync(new GetItemRequest { TableName = "users", Key = key, ConsistentRead = true })).Item is { Count: > 0 });

        // PartiQL cannot be followed item by item: refused before anything is sent.
        await Assert.ThrowsAsync<NotSupportedException>(() => db.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "DELETE FROM users WHERE id = 'r1'" }));
        Assert.True((await primary.DynamoDB.GetItemAsync(new GetItemRequest { TableName = "users", Key = key, ConsistentRead = true })).Item is { Count: > 0 });
    }

    [Fact]
    public async Task A_transaction_mixing_a_mirrored_table_with_a_plain_one_is_refused_before_sending()
    {
        var local = await DynamoDbLocal.Shared;
        using var primary = local.NewAccount("MirTxP");
        using var secondary = local.NewAccount("MirTxS");
        await Run.Value(createTable(Users), primary);
        await Run.Value(createTable(Accounts), primary);
        using var mirrored = AwsSession.Mirrored(primary, secondary);
        Assert.False(mirrored.ReachesSameAs(primary));
        Assert.True(mirrored.ReachesSameAs(mirrored));

        await Assert.ThrowsAsync<TransactionSessionException>(() => Run.Value(useSession(Users, mirrored, transactWrite([
            WritePart.Put(Users, new User { Id = "t1" }), WritePart.Put(Accounts, new BankAccount { Owner = "o1" }),
        ])), primary));
        Assert.Equal(0, await Run.Value(count(Users), primary));
        Assert.Contains("Mirrored(primary=", mirrored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", mirrored.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Bad_mirrors_are_refused_when_made()
    {
        using var a = AwsSession.FromKeys("AKIAMIRRORAAAA", "s1", "us-east-1");
        using var b = AwsSession.FromKeys("AKIAMIRRORBBBB", "s2", "us-east-1");
        Assert.Throws<ArgumentException>(() => AwsSession.Mirrored(a, a));
        using var mirrored = AwsSession.Mirrored(a, b);
        Assert.Throws<ArgumentException>(() => AwsSession.Mirrored(mirrored, b));
        Assert.Throws<ArgumentException>(() => AwsSession.Mirrored(a, b, new MirrorOptions { MaxDirtyKeys = 0 }));
        Assert.Null(a.Mirror);
        Assert.Same(a, mirrored.Mirror!.Primary);
        Assert.Same(b, mirrored.Mirror.Secondary);
    }
}

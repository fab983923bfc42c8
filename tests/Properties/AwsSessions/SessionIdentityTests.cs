using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Pools;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.AwsSessions;

/// <summary>
/// Sessions are compared by what they reach — credentials identity, region, endpoint — not by object: two sessions
/// built separately from the same keys pass a transaction together (on DynamoDB Local), a tenant's session made again
/// by its pool too, while two accounts are still refused. Short access key ids mask differently without showing a
/// character of themselves; no secret is ever part of the comparison's output.
/// </summary>
public sealed class SessionIdentityTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private static readonly DynamoTable<BankAccount> Accounts = DynamoTable.Of<BankAccount>();

    [EngineFact(EngineFeature.Transactions)]
    public async Task Two_equal_sessions_built_separately_pass_the_transaction_guard_and_two_accounts_are_still_refused()
    {
        var local = await DynamoDbLocal.Shared;
        var key = LocalDynamo.NewAccessKey("TxSame");
        using var first = local.Account(key);
        using var second = local.Account(key);
        Assert.NotSame(first, second);
        Assert.True(first.ReachesSameAs(second));
        await Run.Value(createTable(Users), first);
        await Run.Value(createTable(Accounts), first);

        await Run.Value(useSession(Users, first, useSession(Accounts, second, transactWrite(
            [WritePart.Put(Users, new User { Id = "u1" }), WritePart.Put(Accounts, new BankAccount { Owner = "o1", Balance = 5 })]))), first);
        Assert.True((await Run.Value(get(Users, "u1"), second)).IsSome);
        Assert.True((await Run.Value(get(Accounts, "o1"), first)).IsSome);

        using var other = local.NewAccount("TxOther");
        using (var log = new RequestLog(first))
        using (var otherLog = new RequestLog(other))
        {
            var ex = await Assert.ThrowsAsync<TransactionSessionException>(() => Run.Value(useSession(Users, first, useSession(Accounts, other, transactWrite(
                [WritePart.Put(Users, new User { Id = "u2" }), WritePart.Put(Accounts, new BankAccount { Owner = "o2" })]))), first));
            Assert.NotEqual(ex.Resolved[0].Session, ex.Resolved[1].Session);
            Assert.Empty(log.Operations);
            Assert.Empty(otherLog.Operations);
        }
    }

    [EngineFact(EngineFeature.Transactions)]
    public async Task A_tenant_session_made_again_by_its_pool_joins_a_transaction_with_the_one_leased_before()
    {
        var local = await DynamoDbLocal.Shared;
        var key = LocalDynamo.NewAccessKey("TxPool");
        using (var setup = local.Account(key))
        {
            await Run.Value(createTable(Users), setup);
            await Run.Value(createTable(Accounts), setup);
        }

        using var pool = new SessionPool<string>(_ => local.Account(key));
        using var before = await pool.LeaseAsync("t", CancellationToken.None);
        var old = before.Session!;
        Assert.True(pool.Remove("t"));
        using var after = await pool.LeaseAsync("t", CancellationToken.None);
        var made = after.Session!;
        Assert.NotSame(old, made);

        await Run.Value(useSession(Users, old, useTenant(pool, Accounts, "t", transactWrite(
            [WritePart.Put(Users, new User { Id = "p1" }), WritePart.Put(Accounts, new BankAccount { Owner = "p1" })]))), old);
        Assert.True((await Run.Value(get(Accounts, "p1"), made)).IsSome);
    }

    [Fact]
    public void What_a_session_reaches_is_its_credentials_identity_region_and_endpoint_and_nothing_else()
    {
        var endpoint = new Uri("http://127.0.0.1:8000");
        AwsSession Keys(string id = "AKIAIOSFODNN7EXAMPLE", string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", string region = "us-east-1") =>
            AwsSession.FromKeys(id, secret, region).WithEndpoint(endpoint);
        var sessions = new List<AwsSession>();
        AwsSession Keep(AwsSession s)
        {
            sessions.Add(s);
            return s;
        }

        try
        {
            var a = Keep(Keys());
            Assert.True(a.ReachesSameAs(Keep(Keys())));
            Assert.True(a.ReachesSameAs(Keep(Keys().WithLabel("tenant-a"))));
            Assert.True(a.ReachesSameAs(Keep(Keys().WithClientConfiguration(c => c.Timeout = TimeSpan.FromSeconds(3)))));
            Assert.False(a.ReachesSameAs(Keep(Keys(secret: "another/secret/K7MDENG+bPxRfiCYEXAMPLE"))));
            Assert.False(a.ReachesSameAs(Keep(Keys(id: "AKIAIOSFODNN7EXAMPLF"))));
            Assert.False(a.ReachesSameAs(Keep(Keys(region: "eu-west-1"))));
            Assert.False(a.ReachesSameAs(Keep(AwsSession.FromKeys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1"))));
            Assert.False(a.ReachesSameAs(null));

            // Roles: the same role assumed the same way from sessions that reach the same thing; tags or policy make another.
            var role = new AssumeRoleOptions("arn:aws:iam::123456789012:role/Tenant") { Tags = new Dictionary<string, string> { ["tenant"] = "a" } };
            var roleA = Keep(a.AssumeRole(role));
            Assert.True(roleA.ReachesSameAs(Keep(Keep(Keys()).AssumeRole(role))));
            Assert.False(roleA.ReachesSameAs(Keep(a.AssumeRole(role with { Tags = new Dictionary<string, string> { ["tenant"] = "b" } }))));
            Assert.False(roleA.ReachesSameAs(Keep(Keep(Keys(region: "eu-west-1")).AssumeRole(role))));
            Assert.True(Keep(AwsSession.FromDefaultChain("us-east-1")).ReachesSameAs(Keep(AwsSession.FromDefaultChain("us-east-1"))));
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void Short_access_key_ids_mask_apart_without_showing_a_character_and_long_ones_as_AWS_does()
    {
        string[] ids = ["alice", "bob", "tenant-a", "tenant-b", "A", "AKIA12345"];
        var masks = ids.Select(id => (Id: id, Mask: AwsSession.FromKeys(id, "secret-" + id + "-K7MDENG", "us-east-1").MaskedAccessKeyId!)).ToList();
        Assert.Equal(ids.Length, masks.Select(m => m.Mask).Distinct().Count());
        foreach (var (id, mask) in masks)
        {
            Assert.Matches("^\\*\\*\\*\\*#[0-9a-f]{6}$", mask);
            Assert.DoesNotContain(id, mask, StringComparison.Ordinal);
            Assert.Equal(mask, AwsSession.FromKeys(id, "other", "us-east-1").MaskedAccessKeyId);
        }

        Assert.Equal("AKIA****MPLE", AwsSession.FromKeys("AKIAIOSFODNN7EXAMPLE", "s", "us-east-1").MaskedAccessKeyId);
        var one = AwsSession.FromKeys("alice", "alice-secret-value", "us-east-1");
        var two = AwsSession.FromKeys("bob", "bob-secret-value", "us-east-1");
        Assert.NotEqual(one.ToString(), two.ToString());
        Assert.DoesNotContain("secret", one.ToString() + two.ToString(), StringComparison.Ordinal);
    }
}

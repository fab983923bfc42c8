using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.TableNaming;

/// <summary>
/// A naming is checked when it is made (illegal prefix, suffix or alias: a clear <see cref="SessionConfigurationException"/>),
/// a name it would make illegal is refused before any request, and aliases are final: they do not chain.
/// </summary>
public sealed class TableNamesValidationTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Theory]
    [InlineData("dev/")]
    [InlineData("dev orders-")]
    [InlineData("dév-")]
    [InlineData("dev\n")]
    [InlineData("")]
    public void An_illegal_prefix_or_suffix_is_refused_when_the_naming_is_made(string affix)
    {
        var prefix = Assert.Throws<SessionConfigurationException>(() => TableNames.Prefix(affix));
        Assert.Contains("prefix", prefix.Message, StringComparison.Ordinal);
        var suffix = Assert.Throws<SessionConfigurationException>(() => TableNames.Suffix(affix));
        Assert.Contains("suffix", suffix.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", prefix.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_too_long_for_any_name_is_refused()
    {
        Assert.Throws<SessionConfigurationException>(() => TableNames.Prefix(new string('p', 253)));
        Assert.Throws<SessionConfigurationException>(() => TableNames.Prefix(new string('p', 200)).WithSuffix(new string('s', 60)));
        Assert.Equal(new string('p', 252) + "abc", TableNames.Prefix(new string('p', 252)).Resolve("abc"));
    }

    [Theory]
    [InlineData("orders", "ab")]
    [InlineData("orders", "orders v2")]
    [InlineData("orders", "orders/v2")]
    [InlineData("or", "orders-v2")]
    [InlineData("orders", "")]
    public void An_alias_from_or_to_an_illegal_name_is_refused(string logical, string physical)
    {
        var refused = Assert.Throws<SessionConfigurationException>(() => TableNames.Alias(logical, physical));
        Assert.Contains("not a legal DynamoDB table name", refused.Message, StringComparison.Ordinal);
        Assert.Throws<SessionConfigurationException>(() => TableNames.Aliases([new KeyValuePair<string, string>(logical, physical)]));
        Assert.Throws<SessionConfigurationException>(() => TableNames.Alias(new string('x', 256), "orders"));
    }

    [Fact]
    public void Aliases_are_final_they_do_not_chain_and_take_no_prefix()
    {
        // a → b and b → c: a is b (not c), b is c; a cycle a → b, b → a is simply a swap.
        var chain = TableNames.Prefix("dev-").WithAlias("aaa", "bbb").WithAlias("bbb", "ccc");
        Assert.Equal("bbb", chain.Resolve("aaa"));
        Assert.Equal("ccc", chain.Resolve("bbb"));
        Assert.Equal("dev-ccc", chain.Resolve("ccc"));
        var swap = TableNames.Alias("aaa", "bbb").WithAlias("bbb", "aaa");
        Assert.Equal("bbb", swap.Resolve("aaa"));
        Assert.Equal("aaa", swap.Resolve("bbb"));
    }

    [Fact]
    public void A_naming_is_an_immutable_value_with_value_equality_and_a_readable_form()
    {
        var a = TableNames.Prefix("dev-").WithAlias("orders", "orders-v2");
        var b = TableNames.Alias("orders", "orders-v2").WithPrefix("dev-");
        var changed = a.WithSuffix("-x");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, changed);
        Assert.Equal(string.Empty, a.TableNameSuffix);
        Assert.Equal("prefix 'dev-', aliases {orders → orders-v2}", a.ToString());
        Assert.Equal("none", TableNames.None.ToString());
        Assert.True(TableNames.None.IsNone);
        Assert.Equal("orders", TableNames.None.Resolve("orders"));
    }

    [Fact]
    public async Task A_name_the_naming_would_make_illegal_is_refused_before_sending_naming_both_and_leaving_bindings_alone()
    {
        var key = LocalDynamo.NewAccessKey("NBad");
        using var plain = await LocalDynamo.SessionAsync(key);
        using var tooLong = plain.WithTableNames(TableNames.Prefix(new string('p', 251)));
        var env = SessionEnv.New(plain);
        var refused = await Assert.ThrowsAsync<SessionConfigurationException>(() => Run.Value(useSession(Users, tooLong, save(Users, new User { Id = "1" })), env));
        Assert.Contains("'users'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("would be named", refused.Message, StringComparison.Ordinal);
        Assert.Same(plain, await Run.Value(currentSession(Users), env));
        using var raw = await LocalDynamo.RawClientAsync(key);
        Assert.Empty((await raw.ListTablesAsync()).TableNames);
    }

    [Fact]
    public async Task A_chained_alias_reaches_its_first_target_on_DynamoDB_Local()
    {
        var key = LocalDynamo.NewAccessKey("NChain");
        using var session = (await LocalDynamo.SessionAsync(key)).WithTableNames(TableNames.Alias("users", "people").WithAlias("people", "humans"));
        await Run.Value(from _ in createTable(Users) from __ in save(Users, new User { Id = "1" }) select LanguageExt.Prelude.unit, session);
        using var raw = await LocalDynamo.RawClientAsync(key);
        Assert.Equal(["people"], (await raw.ListTablesAsync()).TableNames);
        Assert.Single((await raw.ScanAsync(new ScanRequest { TableName = "people" })).Items);
    }

    [Fact]
    public void Sessions_keep_their_naming_through_derivations_but_not_through_AssumeRole_and_show_it()
    {
        using var session = AwsSession.FromKeys("AKIAEXAMPLEKEY12", "not-shown-secret", "eu-west-1").WithTableNames(TableNames.Prefix("dev-"));
        Assert.Equal(TableNames.Prefix("dev-"), session.WithRegion("us-east-1").TableNames);
        Assert.Equal(TableNames.Prefix("dev-"), session.WithLabel("x").WithEndpoint("http://127.0.0.1:9").TableNames);
        Assert.Equal(TableNames.None, session.AssumeRole(new AssumeRoleOptions("arn:aws:iam::123456789012:role/r")).TableNames);
        Assert.Contains("tables=prefix 'dev-'", session.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-shown-secret", session.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => session.WithTableNames(null!));
    }

    [Fact]
    public void TenantPolicy_names_the_physical_table_of_a_naming()
    {
        Assert.Equal("arn:aws:dynamodb:eu-west-1:123456789012:table/tenant42_orders", TenantPolicy.NamedTableArn(TableNames.Prefix("tenant42_"), "eu-west-1", "123456789012", "orders"));
        Assert.Equal("arn:aws:dynamodb:eu-west-1:123456789012:table/orders-v2", TenantPolicy.NamedTableArn(TableNames.Alias("orders", "orders-v2"), "eu-west-1", "123456789012", "orders"));
    }
}

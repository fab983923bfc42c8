using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// Session policies: the tenant-isolation policy <see cref="TenantPolicy"/> writes, the local checks of
/// <see cref="AssumeRoleOptions.Policy"/> and <see cref="AssumeRoleOptions.PolicyArns"/>, and that policy, policy ARNs
/// and tags reach STS exactly as given (asserted on the STS double's request log).
/// </summary>
public sealed class SessionPolicyTests
{
    private const string Role = "arn:aws:iam::123456789012:role/TenantAccess";
    private static readonly string Orders = TenantPolicy.TableArn("eu-west-1", "123456789012", "orders");
    private static readonly string Events = TenantPolicy.TableArn("eu-west-1", "123456789012", "events");

    private static readonly AwsSession Source =
        AwsSession.FromKeys("PolicySourceKey000", "secret", "us-east-1").WithEndpoint("http://127.0.0.1:9");

    [Fact]
    public async Task Policy_policy_ARNs_and_tags_reach_STS_exactly_for_every_tenant()
    {
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1));
        string[] arns = ["arn:aws:iam::123456789012:policy/TenantBase", "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"];
        using var pool = new SessionPool<string>(t => bed.Source.AssumeRole(TenantBed.OptionsFor(t) with { PolicyArns = arns }));
        string[] tenants = ["acme", "globex", "initech"];

        foreach (var tenant in tenants)
        {
            await pool.GetAsync(tenant);
        }

        var requests = bed.AssumeRoles();
        Assert.Equal(tenants.Length, requests.Count);
        foreach (var (tenant, request) in tenants.Zip(requests))
        {
            Assert.Equal(TenantPolicy.ForTenant(tenant, [TenantBed.TableArn]), request.Policy);
            Assert.Equal(arns, request.PolicyArns);
            Assert.Equal(new Dictionary<string, string> { ["tenant"] = tenant }, request.Tags);
            Assert.Equal(["tenant"], request.TransitiveTagKeys);
            Assert.Equal(TenantBed.SessionName(tenant), request.Parameters["RoleSessionName"]);
            Assert.Equal(TenantBed.RoleArn, request.Parameters["RoleArn"]);
        }
    }

    [Fact]
    public void The_tenant_policy_allows_item_actions_on_the_tenants_partition_keys_only_and_never_Scan()
    {
        var json = TenantPolicy.ForTenant("tenant-42", [Orders, Events]);

        using var policy = JsonDocument.Parse(json);
        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(2, statements.Count);

        var items = statements[0];
        Assert.Equal("Allow", items.GetProperty("Effect").GetString());
        var actions = Strings(items.GetProperty("Action"));
        Assert.Equal(TenantPolicy.ItemActions, actions);
        Assert.DoesNotContain(actions, a => a.Contains("Scan", StringComparison.Ordinal) || a.EndsWith('*'));
        Assert.Equal([Orders, Orders + "/index/*", Events, Events + "/index/*"], Strings(items.GetProperty("Resource")));
        var leadingKeys = items.GetProperty("Condition").GetProperty("ForAllValues:StringEquals").GetProperty("dynamodb:LeadingKeys");
        Assert.Equal(["tenant-42"], Strings(leadingKeys));

        var tables = statements[1];
        Assert.Equal(["dynamodb:DescribeTable"], Strings(tables.GetProperty("Action")));
        Assert.Equal([Orders, Events], Strings(tables.GetProperty("Resource")));
        Assert.DoesNotContain(' ', json);
    }

    [Fact]
    public void The_principal_tag_form_names_the_tag_as_an_IAM_policy_variable()
    {
        var json = TenantPolicy.ForPrincipalTag("tenant", [Orders]);

        using var policy = JsonDocument.Parse(json);
        var leadingKeys = policy.RootElement.GetProperty("Statement")[0].GetProperty("Condition").GetProperty("ForAllValues:StringEquals").GetProperty("dynamodb:LeadingKeys");
        Assert.Equal(["${aws:PrincipalTag/tenant}"], Strings(leadingKeys));
    }

    [Fact]
    public void Any_tenant_value_is_written_as_an_escaped_ASCII_JSON_string_that_STS_accepts()
    {
        const string tenant = "Zürich \"HQ\" <&> 東京";

        var json = TenantPolicy.ForTenant(tenant, [Orders]);

        Assert.All(json, c => Assert.InRange(c, ' ', '~'));
        using var policy = JsonDocument.Parse(json);
        Assert.Equal(tenant, policy.RootElement.GetProperty("Statement")[0].GetProperty("Condition").GetProperty("ForAllValues:StringEquals").GetProperty("dynamodb:LeadingKeys")[0].GetString());
        Assert.NotNull(Source.AssumeRole(new AssumeRoleOptions(Role) { Policy = json }));
    }

    [Theory]
    [InlineData("${aws:username}", "policy variable")]
    [InlineData("", "empty")]
    public void A_tenant_that_IAM_would_misread_is_refused(string tenant, string reason)
    {
        var refused = Assert.Throws<SessionConfigurationException>(() => TenantPolicy.ForTenant(tenant, [Orders]));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_must_be_given_as_DynamoDB_table_ARNs()
    {
        Assert.Throws<SessionConfigurationException>(() => TenantPolicy.ForTenant("t", []));
        var refused = Assert.Throws<SessionConfigurationException>(() => TenantPolicy.ForTenant("t", ["arn:aws:s3:::bucket"]));
        Assert.Contains("arn:aws:s3:::bucket", refused.Message, StringComparison.Ordinal);
        Assert.Throws<SessionConfigurationException>(() => TenantPolicy.TableArn("eu-west-1", "12345", "orders"));
        Assert.Throws<SessionConfigurationException>(() => TenantPolicy.ForPrincipalTag("bad tag!", [Orders]));
    }

    public static TheoryData<string, string> BadPolicies => new()
    {
        { "not json", "not valid JSON" },
        { "[]", "not a policy document" },
        { "{\"Version\":\"2012-10-17\",\"Statement\":[]} " + new string(' ', 2048), "2,048" },
        { "{\"Sid\":\"Ā\"}", "U+0100" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void A_bad_inline_policy_fails_before_any_request(string policy, string reason)
    {
        var refused = Assert.Throws<SessionConfigurationException>(() => Source.AssumeRole(new AssumeRoleOptions(Role) { Policy = policy }));

        Assert.Contains(reason.Replace(",", string.Empty, StringComparison.Ordinal), refused.Message.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(Role, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_of_exactly_2048_characters_is_accepted()
    {
        var opening = "{\"Version\":\"2012-10-17\",\"Statement\":[],\"Sid\":\"";
        var policy = opening + new string('x', 2048 - opening.Length - 2) + "\"}";
        Assert.Equal(2048, policy.Length);

        Assert.NotNull(Source.AssumeRole(new AssumeRoleOptions(Role) { Policy = policy }));
    }

    [Fact]
    public void Policy_ARNs_must_look_like_managed_policy_ARNs_and_be_at_most_ten()
    {
        var eleven = Enumerable.Range(0, 11).Select(i => $"arn:aws:iam::123456789012:policy/P{i}").ToList();
        Assert.Contains("at most 10", Assert.Throws<SessionConfigurationException>(() => Source.AssumeRole(new AssumeRoleOptions(Role) { PolicyArns = eleven })).Message, StringComparison.Ordinal);
        Assert.NotNull(Source.AssumeRole(new AssumeRoleOptions(Role) { PolicyArns = eleven.Take(10).ToList() }));

        var refused = Assert.Throws<SessionConfigurationException>(() => Source.AssumeRole(new AssumeRoleOptions(Role) { PolicyArns = ["arn:aws:iam::123456789012:role/NotAPolicy"] }));
        Assert.Contains("arn:aws:iam::123456789012:role/NotAPolicy", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_tags_are_checked_against_STSs_limits()
    {
        var many = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");
        Assert.Contains("at most 50", Assert.Throws<SessionConfigurationException>(() => Source.AssumeRole(new AssumeRoleOptions(Role) { Tags = many })).Message, StringComparison.Ordinal);
        Assert.Throws<SessionConfigurationException>(() => Source.AssumeRole(new AssumeRoleOptions(Role) { Tags = new Dictionary<string, string> { ["t"] = new string('v', 257) } }));
        Assert.Throws<SessionConfigurationException>(() => Source.AssumeRole(new AssumeRoleOptions(Role) { Tags = new Dictionary<string, string> { ["bad*key"] = "v" } }));
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "<null>").ToList();
}

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Amazon.SecurityToken;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.AwsSessions;

/// <summary>
/// AssumeRole and caller identity through <see cref="LocalStsEndpoint"/>, a local test double that speaks STS's Query
/// wire protocol (no STS emulator exists here); DynamoDB calls go to the real DynamoDB Local.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class AssumeRoleTests : IAsyncLifetime
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private LocalStsEndpoint sts = null!;

    public Task InitializeAsync()
    {
        sts = LocalStsEndpoint.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sts.DisposeAsync();

    [Fact]
    public async Task AssumeRole_sends_every_parameter_and_DynamoDB_signs_with_the_assumed_key()
    {
        var sourceKey = LocalDynamo.NewAccessKey("Src");
        var roleKey = LocalDynamo.NewAccessKey("Role");
        const string arn = "arn:aws:iam::210987654321:role/Migrator";
        sts.AddRole(arn, roleKey, "role-secret", TimeSpan.FromHours(1), accountId: "210987654321");
        using var source = (await LocalDynamo.SessionAsync(sourceKey)).WithStsEndpoint(sts.Endpoint);
        using var role = source.AssumeRole(new AssumeRoleOptions(arn)
        {
            SessionName = "nightly-copy",
            Duration = TimeSpan.FromMinutes(30),
            ExternalId = "ext-123",
            SourceIdentity = "alice",
            Tags = new System.Collections.Generic.Dictionary<string, string> { ["team"] = "data", ["env"] = "prod" },
            TransitiveTagKeys = ["team"],
        });

        await Run.Value(createTable(Users), role);
        await Run.Value(save(Users, new User { Id = "r1", Name = "via role" }), role);

        var call = Assert.Single(sts.Requests, r => r.Action == "AssumeRole");
        Assert.Equal(sourceKey, call.CallerAccessKeyId);
        Assert.Equal(arn, call.Parameters["RoleArn"]);
        Assert.Equal("nightly-copy", call.Parameters["RoleSessionName"]);
        Assert.Equal("1800", call.Parameters["DurationSeconds"]);
        Assert.Equal("ext-123", call.Parameters["ExternalId"]);
        Assert.Equal("alice", call.Parameters["SourceIdentity"]);
        var tags = Enumerable.Range(1, 2).ToDictionary(i => call.Parameters[$"Tags.member.{i}.Key"], i => call.Parameters[$"Tags.member.{i}.Value"]);
        Assert.Equal("data", tags["team"]);
        Assert.Equal("prod", tags["env"]);
        Assert.Equal("team", call.Parameters["TransitiveTagKeys.member.1"]);

        // The item is in the assumed key's database, not the source's.
        using var rawRole = await LocalDynamo.RawClientAsync(roleKey);
        Assert.Equal("via role", (await rawRole.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "r1" } })).Item["name"].S);
        using var rawSource = await LocalDynamo.RawClientAsync(sourceKey);
        Assert.DoesNotContain("users", (await rawSource.ListTablesAsync()).TableNames ?? []);
        Assert.Equal(SessionKind.AssumedRole, role.Kind);
        Assert.Same(source, role.SourceSession);
        Assert.False(role.IsExpired(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task MFA_sends_the_serial_and_a_fresh_code_from_the_provider()
    {
        var roleKey = LocalDynamo.NewAccessKey("Mfa");
        const string arn = "arn:aws:iam::123456789012:role/NeedsMfa";
        sts.AddRole(arn, roleKey, "role-secret", TimeSpan.FromHours(1));
        var codes = 0;
        using var source = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Src"))).WithStsEndpoint(sts.Endpoint);
        using var role = source.AssumeRole(new AssumeRoleOptions(arn)
        {
            MfaSerial = "arn:aws:iam::123456789012:mfa/alice",
            MfaTokenProvider = _ => Task.FromResult($"{123456 + Interlocked.Increment(ref codes)}"),
        });

        Assert.False(await Run.Value(tableExists(Users), role));

        var call = Assert.Single(sts.Requests, r => r.Action == "AssumeRole");
        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", call.Parameters["SerialNumber"]);
        Assert.Equal("123457", call.Parameters["TokenCode"]);
        Assert.Equal(1, codes);
    }

    [Fact]
    public async Task Short_lived_credentials_are_refreshed_before_they_expire_and_calls_keep_working()
    {
        var roleKey = LocalDynamo.NewAccessKey("Short");
        const string arn = "arn:aws:iam::123456789012:role/ShortLived";
        sts.AddRole(arn, roleKey, "role-secret", TimeSpan.FromSeconds(4));
        using var source = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Src"))).WithStsEndpoint(sts.Endpoint);
        using var role = source.AssumeRole(new AssumeRoleOptions(arn) { RefreshBeforeExpiry = TimeSpan.FromSeconds(2) });

        await Run.Value(createTable(Users), role);
        var firstExpiry = role.Expiration;
        Assert.NotNull(firstExpiry);
        Assert.True(role.IsExpired(TimeSpan.FromSeconds(10)));

        await Task.Delay(TimeSpan.FromSeconds(3));
        await Run.Value(save(Users, new User { Id = "after-refresh" }), role);

        // Still valid credentials are refreshed in the background (callers do not wait): give that refresh a moment.
        for (var waited = 0; waited < 50 && sts.Requests.Count(r => r.Action == "AssumeRole") < 2; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(sts.Requests.Count(r => r.Action == "AssumeRole") >= 2, "the credentials were not refreshed");
        Assert.True(role.Expiration > firstExpiry);
        using var raw = await LocalDynamo.RawClientAsync(roleKey);
        Assert.NotEmpty((await raw.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "after-refresh" } })).Item);
    }

    [Fact]
    public async Task AccessDenied_from_STS_surfaces_as_the_SDKs_exception_naming_the_role()
    {
        const string arn = "arn:aws:iam::123456789012:role/Forbidden";
        sts.DenyRole(arn);
        using var source = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Src"))).WithStsEndpoint(sts.Endpoint);
        using var role = source.AssumeRole(new AssumeRoleOptions(arn));

        var ex = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => Run.Value(tableExists(Users), role));

        Assert.Equal("AccessDenied", ex.ErrorCode);
        Assert.Contains(arn, ex.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_identity_is_fetched_once_however_often_it_is_asked_for()
    {
        var key = LocalDynamo.NewAccessKey("Who");
        sts.AddIdentity(key, "111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAALICE");
        using var session = (await LocalDynamo.SessionAsync(key)).WithStsEndpoint(sts.Endpoint);

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => session.GetCallerIdentityAsync()));
        var viaEffect = await Run.Value(Identity.callerIdentity(session), session);
        var again = await session.GetCallerIdentityAsync();

        Assert.All(all, id => Assert.Equal("111122223333", id.Account));
        Assert.Equal(new CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAALICE"), viaEffect);
        Assert.Equal(viaEffect, again);
        Assert.Single(sts.Requests, r => r.Action == "GetCallerIdentity");
    }

    [Fact]
    public async Task An_assumed_role_reports_its_own_identity()
    {
        var roleKey = LocalDynamo.NewAccessKey("RoleId");
        const string arn = "arn:aws:iam::444455556666:role/Auditor";
        sts.AddRole(arn, roleKey, "role-secret", TimeSpan.FromHours(1), accountId: "444455556666");
        using var source = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Src"))).WithStsEndpoint(sts.Endpoint);
        using var role = source.AssumeRole(new AssumeRoleOptions(arn) { SessionName = "audit" });

        var identity = await role.GetCallerIdentityAsync();

        Assert.Equal("444455556666", identity.Account);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/Auditor/audit", identity.Arn);
        Assert.Equal(roleKey, sts.Requests.Single(r => r.Action == "GetCallerIdentity").CallerAccessKeyId);
    }
}

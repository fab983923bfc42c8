using System;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Diagnostics;
using SessionEffects.Properties.Facade;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Pools;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.TableNaming;

/// <summary>
/// A pool's tenant factory gives each tenant its own prefix; traces and metrics carry the physical name as
/// <c>db.collection.name</c> and the logical one as <c>sessioneffects.table.logical_name</c> where they differ. Runs
/// alone: listeners are process-wide.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class NamedPoolAndTelemetryTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task A_tenant_factory_gives_each_tenant_its_prefix_and_each_tenant_reaches_its_own_table()
    {
        var key = LocalDynamo.NewAccessKey("NPool");
        using var shared = await LocalDynamo.SessionAsync(key);
        using var pool = new SessionPool<string>(tenant => shared.WithTableNames(TableNames.Prefix($"{tenant}_")));
        using var raw = await LocalDynamo.RawClientAsync(key);
        var tenants = new[] { "acme", "globex", "initech" };
        var env = SessionEnv.New(shared);
        await Task.WhenAll(tenants.Select(t => Run.Value(useTenant(pool, Users, t, createTable(Users)), env)));

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            Run.Value(useTenant(pool, Users, tenants[i % 3], save(Users, new User { Id = $"i{i}", Account = tenants[i % 3] })), SessionEnv.New(shared)))));

        foreach (var tenant in tenants)
        {
            Assert.Equal($"{tenant}_users", await Run.Value(useTenant(pool, Users, tenant, currentTableName(Users)), env));
            var items = (await raw.ScanAsync(new ScanRequest { TableName = $"{tenant}_users", ConsistentRead = true })).Items;
            Assert.Equal(10, items.Count);
            Assert.All(items, item => Assert.Equal(tenant, item["Account"].S));
        }
    }

    [Fact]
    public async Task Traces_and_metrics_carry_the_physical_name_and_the_logical_one_where_they_differ()
    {
        using var plain = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("NTel"))).WithLabel("named-plain");
        using var dev = plain.WithTableNames(TableNames.Prefix("dev-")).WithLabel("named-dev");
        await Run.Value(createTable(Users), plain);
        await Run.Value(createTable(Users), dev);

        using var telemetry = new TelemetryCapture();
        var env = SessionEnv.New(plain);
        await Run.Value(save(Users, new User { Id = "1" }), env);
        await Run.Value(useSession(Users, dev, from _ in save(Users, new User { Id = "2" }) from s in scan(Users) select s), env);

        var plainSave = Assert.Single(telemetry.Where("sessioneffects.session.label", "named-plain"), a => a.DisplayName == "UpdateItem users");
        Assert.Equal("users", plainSave.GetTagItem("db.collection.name"));
        Assert.Null(plainSave.GetTagItem("sessioneffects.table.logical_name"));
        var devSave = Assert.Single(telemetry.Where("sessioneffects.session.label", "named-dev"), a => (string?)a.GetTagItem("db.operation.name") == "UpdateItem");
        Assert.Equal("UpdateItem dev-users", devSave.DisplayName);
        Assert.Equal("dev-users", devSave.GetTagItem("db.collection.name"));
        Assert.Equal("users", devSave.GetTagItem("sessioneffects.table.logical_name"));
        Assert.Equal(["dev-users"], (string[])devSave.GetTagItem("aws.dynamodb.table_names")!);
        var devScan = Assert.Single(telemetry.Where("sessioneffects.session.label", "named-dev"), a => (string?)a.GetTagItem("db.operation.name") == "Scan");
        Assert.Equal("dev-users", devScan.GetTagItem("db.collection.name"));

        var measured = telemetry.Of("sessioneffects.operations").Where(m => m.Tag("sessioneffects.session.label") == "named-dev").ToList();
        Assert.NotEmpty(measured);
        Assert.All(measured, m => Assert.Equal("dev-users", m.Tag("db.collection.name")));
        Assert.All(measured, m => Assert.Equal("users", m.Tag("sessioneffects.table.logical_name")));
        Assert.All(telemetry.Of("sessioneffects.operations").Where(m => m.Tag("sessioneffects.session.label") == "named-plain"), m => Assert.Equal(string.Empty, m.Tag("sessioneffects.table.logical_name")));
    }
}

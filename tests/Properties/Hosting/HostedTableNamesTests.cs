using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionEffects.CSharp;
using SessionEffects.Extensions.DependencyInjection;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Facade;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.Hosting;

/// <summary>
/// <c>TableNamePrefix</c>, <c>TableNameSuffix</c> and <c>TableAliases</c> per session and per pool (<c>{tenant}</c> for
/// the tenant key) in the <c>SessionEffects</c> section: the configured sessions reach the configured physical tables
/// on DynamoDB Local, checked with raw clients. Runs alone: the host sets the process-wide root.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class HostedTableNamesTests
{
    private const string TenantRoleArn = "arn:aws:iam::210987654321:role/NamedTenant";
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();

    [Fact]
    public async Task Configured_namings_of_sessions_and_pools_reach_their_physical_tables()
    {
        var key = LocalDynamo.NewAccessKey("HostNamed");
        var tenantPrefix = LocalDynamo.NewAccessKey("HostNT");
        await using var sts = LocalStsEndpoint.Start();
        sts.AddRolePerSession(TenantRoleArn, tenantPrefix, "TenantSecret/" + tenantPrefix, TimeSpan.FromHours(1), accountId: "210987654321");
        var folder = Path.Combine(Path.GetTempPath(), "se-host-named-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var credentials = Path.Combine(folder, "credentials");
        await File.WriteAllTextAsync(credentials, $"[app]\naws_access_key_id = {key}\naws_secret_access_key = AppSecret/{key}\n");
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        try
        {
            var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SessionEffects:Default:Profile"] = "app",
                ["SessionEffects:Default:ProfilesLocation"] = credentials,
                ["SessionEffects:Default:Region"] = "us-east-1",
                ["SessionEffects:Default:Endpoint"] = endpoint,
                ["SessionEffects:Default:StsEndpoint"] = sts.Endpoint.ToString(),
                ["SessionEffects:Sessions:dev:Profile"] = "app",
                ["SessionEffects:Sessions:dev:ProfilesLocation"] = credentials,
                ["SessionEffects:Sessions:dev:Region"] = "us-east-1",
                ["SessionEffects:Sessions:dev:Endpoint"] = endpoint,
                ["SessionEffects:Sessions:dev:TableNamePrefix"] = "dev-",
                ["SessionEffects:Sessions:dev:TableNameSuffix"] = ".v2",
                ["SessionEffects:Sessions:dev:TableAliases:orders"] = "orders_archive",
                ["SessionEffects:Pools:tenants:RoleArn"] = TenantRoleArn,
                ["SessionEffects:Pools:tenants:TableNamePrefix"] = "{tenant}_",
            });
            builder.Services.AddSessionEffects(builder.Configuration.GetSection("SessionEffects"));
            using var host = builder.Build();
            await host.StartAsync();
            var dev = host.Services.GetRequiredKeyedService<AwsSession>("dev");
            var tenants = host.Services.GetRequiredKeyedService<SessionPool<string>>("tenants");
            Assert.Equal(TableNames.Prefix("dev-").WithSuffix(".v2").WithAlias("orders", "orders_archive"), dev.TableNames);
            Assert.True(Sessions.DefaultSession.TableNames.IsNone);

            using (Sessions.UseSession(Users, dev))
            using (Sessions.UseSession(Orders, dev))
            {
                await Users.CreateTableAsync();
                await Orders.CreateTableAsync();
                await Users.SaveAsync(new User { Id = "d1" });
                await Orders.SaveAsync(new Order { CustomerId = "d1", PlacedAt = 1 });
            }

            using (tenants.UseTenant(Users, "acme"))
            {
                Assert.Equal("acme_users", Sessions.CurrentTableName(Users));
                await Users.CreateTableAsync();
                await Users.SaveAsync(new User { Id = "a1" });
            }

            using var raw = await LocalDynamo.RawClientAsync(key);
            Assert.Single((await raw.ScanAsync(new ScanRequest { TableName = "dev-users.v2" })).Items);
            Assert.Single((await raw.ScanAsync(new ScanRequest { TableName = "orders_archive" })).Items);
            using var tenantRaw = await LocalDynamo.RawClientAsync(LocalStsEndpoint.AccessKeyIdFor(tenantPrefix, TenantRoleArn, "tenant-acme"));
            Assert.Equal(["acme_users"], (await tenantRaw.ListTablesAsync()).TableNames);
            Assert.Single((await tenantRaw.ScanAsync(new ScanRequest { TableName = "acme_users" })).Items);
            await host.StopAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

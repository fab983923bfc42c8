using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SessionEffects.CSharp;
using SessionEffects.Extensions.DependencyInjection;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Diagnostics;
using SessionEffects.Properties.Facade;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.Hosting;

/// <summary>
/// A host built as a service developer would build one: appsettings JSON with a default and two named sessions (one an
/// assumed role through the local STS double) and a tenant pool, against DynamoDB Local. Keyed injection, where the
/// data lands, the facade sharing the container's root, logs (FakeLogger), traces (ActivityListener) and metrics
/// (MeterListener) — and not one secret or session token in any of them. Runs alone: it sets the process-wide root.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class HostedSessionsTests : IAsyncLifetime
{
    private const string RoleArn = "arn:aws:iam::210987654321:role/Migrator";
    private const string TenantRoleArn = "arn:aws:iam::210987654321:role/Tenant";
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private static readonly DynamoTable<Event> Events = DynamoTable.Of<Event>();
    private readonly string defaultKey = LocalDynamo.NewAccessKey("HostDef");
    private readonly string projectKey = LocalDynamo.NewAccessKey("HostPrj");
    private readonly string roleKey = LocalDynamo.NewAccessKey("HostRole");
    private readonly string tenantPrefix = LocalDynamo.NewAccessKey("HostTnt");
    private readonly string folder = Path.Combine(Path.GetTempPath(), "se-host-" + Guid.NewGuid().ToString("N"));
    private LocalStsEndpoint sts = null!;

    private string DefaultSecret => "DefSecretKey/" + defaultKey + "+ZZ";

    private string ProjectSecret => "PrjSecretKey/" + projectKey + "+ZZ";

    private string RoleSecret => "RoleSecretKey/" + roleKey + "+ZZ";

    public Task InitializeAsync()
    {
        sts = LocalStsEndpoint.Start();
        sts.AddRole(RoleArn, roleKey, RoleSecret, TimeSpan.FromHours(1), accountId: "210987654321");
        sts.AddRolePerSession(TenantRoleArn, tenantPrefix, "TenantSecretKey/" + tenantPrefix + "+ZZ", TimeSpan.FromHours(1), accountId: "210987654321");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "credentials"),
            $"[app]\naws_access_key_id = {defaultKey}\naws_secret_access_key = {DefaultSecret}\n\n[shared]\naws_access_key_id = {projectKey}\naws_secret_access_key = {ProjectSecret}\n");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await sts.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_host_from_appsettings_injects_keyed_sessions_routes_data_to_their_accounts_and_observes_everything_without_a_secret()
    {
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        var credentials = Path.Combine(folder, "credentials");
        var appsettings = Path.Combine(folder, "appsettings.json");
        await File.WriteAllTextAsync(appsettings, JsonSerializer.Serialize(new
        {
            SessionEffects = new
            {
                Default = new { Profile = "app", ProfilesLocation = credentials, Region = "us-east-1", Endpoint = endpoint, StsEndpoint = sts.Endpoint.ToString() },
                Sessions = new Dictionary<string, object>
                {
                    ["project"] = new { Profile = "shared", ProfilesLocation = credentials, Region = "eu-west-1", Endpoint = endpoint },
                    ["migrator"] = new
                    {
                        SourceSession = "Default",
                        RoleArn,
                        ExternalId = "ext-7",
                        RoleSessionName = "nightly-migrator",
                        Duration = "00:30:00",
                        Tags = new { team = "data" },
                    },
                },
                Pools = new { tenants = new { RoleArn = TenantRoleArn, Capacity = 10 } },
                RecordConsumedCapacity = true,
            },
        }));

        using var telemetry = new TelemetryCapture();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(appsettings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging();
        // snippet:start hosting
        builder.Services.AddSessionEffects(builder.Configuration.GetSection("SessionEffects"));
        builder.Services.AddSingleton<AccountsReport>();   // takes AwsSession, [FromKeyedServices("project")] AwsSession, ...
        // snippet:end
        var rootBefore = Sessions.ProcessRoot;
        var thrown = new List<Exception>();
        AwsSession project, migrator, defaultSession;
        SessionPool<string> tenants;

        using (var host = builder.Build())
        {
            await host.StartAsync();
            var report = host.Services.GetRequiredService<AccountsReport>();
            (defaultSession, project, migrator, tenants) = (report.Default, report.Project, report.Migrator, report.Tenants);

            // Keyed injection: the configured sessions, by name, labelled with it; the facade's root is the container's.
            Assert.Same(host.Services.GetRequiredService<SessionDirectory>().Get("project"), project);
            Assert.Equal(("default", "project", "migrator"), (defaultSession.Label, project.Label, migrator.Label));
            Assert.Equal(SessionKind.AssumedRole, migrator.Kind);
            Assert.Same(host.Services.GetRequiredService<BindingRoot>(), Sessions.ProcessRoot);
            Assert.Same(defaultSession, Sessions.DefaultSession);

            // Data lands in the configured accounts: default (no scope), project (a scope), migrator (a keep), a tenant.
            await Users.CreateTableAsync();
            await Users.SaveAsync(new User { Id = "d1", Name = "in default" });
            using (Sessions.UseSession(Users, project))
            {
                await Users.CreateTableAsync();
                await Users.SaveAsync(new User { Id = "p1", Name = "in project" });
                thrown.Add(await Assert.ThrowsAsync<ResourceNotFoundException>(() => Events.GetAsync("missing")));
            }

            using (Sessions.UseSession(Users, migrator, restoreOnExit: false))
            {
            }

            await Users.CreateTableAsync();
            await Users.SaveAsync(new User { Id = "m1", Name = "via role" });
            Sessions.ResetConnection(Users);
            using (tenants.UseTenant(Users, "acme"))
            {
                await Users.CreateTableAsync();
                await Users.SaveAsync(new User { Id = "t1", Name = "tenant acme" });
            }

            await AssertItem(defaultKey, "us-east-1", "d1", "in default");
            await AssertItem(projectKey, "eu-west-1", "p1", "in project");
            await AssertItem(roleKey, "us-east-1", "m1", "via role");
            await AssertItem(LocalStsEndpoint.AccessKeyIdFor(tenantPrefix, TenantRoleArn, "tenant-acme"), "us-east-1", "t1", "tenant acme");
            var assume = Assert.Single(sts.Requests, r => r.Action == "AssumeRole" && r.Parameters["RoleArn"] == RoleArn);
            Assert.Equal(("ext-7", "nightly-migrator", "1800"), (assume.Parameters["ExternalId"], assume.Parameters["RoleSessionName"], assume.Parameters["DurationSeconds"]));

            // Traces: one activity per request, with the database/AWS conventions and where the binding came from.
            var put = Assert.Single(telemetry.Where("sessioneffects.session.label", "project"), a => a.DisplayName == "UpdateItem users");
            Assert.Equal(ActivityKind.Client, put.Kind);
            Assert.Equal("aws.dynamodb", put.GetTagItem("db.system.name"));
            Assert.Equal("UpdateItem", put.GetTagItem("db.operation.name"));
            Assert.Equal(["users"], (string[])put.GetTagItem("aws.dynamodb.table_names")!);
            Assert.Equal("eu-west-1", put.GetTagItem("cloud.region"));
            Assert.Equal("scope", put.GetTagItem("sessioneffects.binding"));
            Assert.Contains("Profile(name=shared", (string)put.GetTagItem("sessioneffects.session")!, StringComparison.Ordinal);
            Assert.Equal("default", Assert.Single(telemetry.Where("sessioneffects.session.label", "default"), a => a.DisplayName == "UpdateItem users").GetTagItem("sessioneffects.binding"));
            var viaRole = Assert.Single(telemetry.Where("sessioneffects.session.label", "migrator"), a => a.DisplayName == "UpdateItem users");
            Assert.Equal(("keep", "210987654321", "us-east-1"), (viaRole.GetTagItem("sessioneffects.binding"), viaRole.GetTagItem("cloud.account.id"), viaRole.GetTagItem("cloud.region")));
            Assert.Single(telemetry.Where("sessioneffects.session.label", "tenant-acme"), a => a.DisplayName == "UpdateItem users");
            var failed = Assert.Single(telemetry.Activities, a => a.DisplayName == "GetItem events");
            Assert.Equal(ActivityStatusCode.Error, failed.Status);
            Assert.Equal("ResourceNotFoundException", failed.GetTagItem("error.type"));
            Assert.Contains(failed.Events, e => e.Name == "exception");

            // Metrics: operations and their duration per table, operation and label; capacity per label; the pool's counters.
            Assert.Contains(telemetry.Of("sessioneffects.operations"), m => m.Tag("sessioneffects.session.label") == "project" && m.Tag("db.operation.name") == "UpdateItem" && m.Tag("db.collection.name") == "users");
            Assert.Contains(telemetry.Of("sessioneffects.operation.duration"), m => m.Tag("sessioneffects.session.label") == "migrator" && m.Value > 0);
            Assert.Contains(telemetry.Of("sessioneffects.operations"), m => m.Tag("db.operation.name") == "GetItem" && m.Tag("error.type") == "ResourceNotFoundException");
            Assert.Contains(telemetry.Of("sessioneffects.consumed_capacity"), m => m.Tag("sessioneffects.session.label") == "project" && m.Tag("sessioneffects.capacity.kind") == "write" && m.Value > 0);
            Assert.Contains(telemetry.Of("sessioneffects.consumed_capacity"), m => m.Tag("sessioneffects.session.label") == "tenant-acme" && m.Tag("db.collection.name") == "users");
            telemetry.Collect();
            Assert.Contains(telemetry.Of("sessioneffects.pool.misses"), m => m.Tag("sessioneffects.pool.name") == "tenants" && m.Value == 1);
            Assert.Contains(telemetry.Of("sessioneffects.pool.assume_role.calls"), m => m.Tag("sessioneffects.pool.name") == "tenants" && m.Value >= 1);
            Assert.Contains(telemetry.Of("sessioneffects.pool.sessions"), m => m.Tag("sessioneffects.pool.name") == "tenants" && m.Value == 1);

            // Logs: switches at Debug, the assumed roles at Information, the failure at Error, no Information per operation.
            var logs = host.Services.GetFakeLogCollector().GetSnapshot();
            Assert.Contains(logs, r => r.Category == "SessionEffects.Scopes" && r.Level == LogLevel.Debug && r.Message.StartsWith("Table users switched to Profile(name=shared", StringComparison.Ordinal));
            Assert.Contains(logs, r => r.Category == "SessionEffects.Scopes" && r.Level == LogLevel.Debug && r.Message == "Table users reset to the default session");
            Assert.Contains(logs, r => r.Category == "SessionEffects.Sessions" && r.Level == LogLevel.Information && r.Message.StartsWith($"Assumed role {RoleArn} as session nightly-migrator", StringComparison.Ordinal));
            Assert.True(
                logs.Any(r => r.Category == "SessionEffects.Requests" && r.Level == LogLevel.Error && r.Message.StartsWith("GetItem on table events via Profile(name=app", StringComparison.Ordinal)),
                string.Join("\n", logs.Where(r => r.Category?.StartsWith("SessionEffects", StringComparison.Ordinal) == true).Select(r => $"{r.Category} {r.Level} {r.Message}")));
            Assert.Contains(logs, r => r.Category == "SessionEffects.Hosting" && r.Level == LogLevel.Information);
            Assert.DoesNotContain(logs, r => r.Category is "SessionEffects.Requests" or "SessionEffects.Scopes" && r.Level == LogLevel.Information);

            // Not one secret or session token anywhere: tags, events, measurements, log lines and their state, exceptions.
            var secrets = new List<string> { DefaultSecret, ProjectSecret, RoleSecret, "TenantSecretKey/" + tenantPrefix + "+ZZ" };
            foreach (var session in new[] { migrator, tenants.Get("acme") })
            {
                var issued = await session.SdkCredentials.GetCredentialsAsync();
                secrets.Add(issued.Token);
                secrets.Add(issued.SecretKey);
            }

            var texts = telemetry.Texts()
                .Concat(logs.SelectMany(r => new[] { r.Message, r.Exception?.ToString() ?? string.Empty }.Concat(r.StructuredState?.Select(kv => kv.Value ?? string.Empty) ?? [])))
                .Concat(thrown.Select(e => e.ToString()))
                .Concat([defaultSession.ToString(), project.ToString(), migrator.ToString()])
                .ToList();
            Assert.True(texts.Count > 100, $"only {texts.Count} texts were captured");
            Assert.All(secrets, secret => Assert.DoesNotContain(texts, text => text.Contains(secret, StringComparison.Ordinal)));

            await host.StopAsync();
        }

        // Stopped: the sessions it made are disposed, and the facade's root is what it was before.
        Assert.True(project.IsDisposed && migrator.IsDisposed && defaultSession.IsDisposed);
        Assert.Same(rootBefore, Sessions.ProcessRoot);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => tenants.GetAsync("acme"));
    }

    private static async Task AssertItem(string accessKey, string region, string id, string name)
    {
        using var raw = await LocalDynamo.RawClientAsync(accessKey, region);
        var item = (await raw.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = id } })).Item;
        Assert.Equal(name, item?["name"].S);
    }

    /// <summary>A service that takes its sessions by injection, as an application's own services would.</summary>
    private sealed class AccountsReport(
        AwsSession @default,
        [FromKeyedServices("project")] AwsSession project,
        [FromKeyedServices("migrator")] AwsSession migrator,
        [FromKeyedServices("tenants")] SessionPool<string> tenants)
    {
        public AwsSession Default { get; } = @default;

        public AwsSession Project { get; } = project;

        public AwsSession Migrator { get; } = migrator;

        public SessionPool<string> Tenants { get; } = tenants;
    }
}

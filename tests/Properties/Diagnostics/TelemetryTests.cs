using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Facade;
using SessionEffects.Properties.Fixtures;
using LanguageExt;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.Diagnostics;

/// <summary>
/// Traces say where each request's session came from — a restore scope, a top-level keep, the default, or given
/// explicitly (a copy's target) — also for streams enumerated elsewhere; the core logs through the process-wide
/// factory; consumed capacity is asked for only when switched on. Runs alone: listeners and switches are process-wide.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class TelemetryTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task Each_request_says_whether_a_scope_a_keep_the_default_or_the_caller_chose_its_session()
    {
        using var a = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("OrgA"))).WithLabel("origin-a");
        using var b = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("OrgB"))).WithLabel("origin-b");
        using var c = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("OrgC"))).WithLabel("origin-c");
        foreach (var session in new[] { a, b, c })
        {
            await Run.Value(createTable(Users), session);
        }

        using var telemetry = new TelemetryCapture();
        var env = SessionEnv.New(a);
        await Run.Value(save(Users, new User { Id = "1" }), env);                                        // default
        await Run.Value(useSession(Users, b, save(Users, new User { Id = "2" })), env);                 // scope
        await Run.Value(useSession(Users, c, save(Users, new User { Id = "3" }), restoreOnExit: false), env);   // keep
        await Run.Value(from _ in resetConnection(Users) from n in copyItems(Users, b) select n, env);  // default scan, explicit target
        var stream = await Run.Value(useSession(Users, c, scanStream(Users)), env);                      // a stream made in a scope...
        var read = await Task.Run(async () => await stream.CountAsync());                               // ...read in another flow

        string Origin(string label, string operation) =>
            (string)Assert.Single(telemetry.Where("sessioneffects.session.label", label), x => (string?)x.GetTagItem("db.operation.name") == operation).GetTagItem("sessioneffects.binding")!;
        Assert.Equal("default", telemetry.Where("sessioneffects.session.label", "origin-a").First(x => x.DisplayName == "UpdateItem users").GetTagItem("sessioneffects.binding"));
        Assert.Equal("scope", Origin("origin-b", "UpdateItem"));
        Assert.Equal("keep", Origin("origin-c", "UpdateItem"));
        Assert.Equal("default", Origin("origin-a", "Scan"));
        Assert.Equal("explicit", Origin("origin-b", "BatchWriteItem"));
        Assert.Equal("scope", Origin("origin-c", "Scan"));
        Assert.Equal(1, read);
    }

    [Fact]
    public async Task A_facade_stream_reports_the_origin_its_session_had_when_the_stream_was_made()
    {
        using var kept = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("OrgK"))).WithLabel("origin-kept");
        using var other = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("OrgO"))).WithLabel("origin-other");
        using (Sessions.UseEnvironment(BindingRoot.New(other)))
        {
            using (Sessions.UseSession(Users, kept, restoreOnExit: false))
            {
            }

            await Users.CreateTableAsync();
            using var telemetry = new TelemetryCapture();
            var stream = Users.ScanAsync();
            Assert.Empty(await stream.ToListAsync());

            Assert.Equal("keep", Assert.Single(telemetry.Where("sessioneffects.session.label", "origin-kept"), x => x.DisplayName == "Scan users").GetTagItem("sessioneffects.binding"));
        }
    }

    [Fact]
    public async Task Consumed_capacity_is_asked_for_and_reported_only_when_switched_on()
    {
        using var plain = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CapOff"))).WithLabel("capacity-off");
        await Run.Value(createTable(Users), plain);
        await Run.Value(save(Users, new User { Id = "x" }), plain);
        Assert.False(Assert.IsType<SessionDynamoClient>(plain.DynamoDB).ReportsCapacity);

        using var telemetry = new TelemetryCapture();
        await Run.Value(save(Users, new User { Id = "y" }), plain);
        Assert.DoesNotContain(telemetry.Of("sessioneffects.consumed_capacity"), m => m.Tag("sessioneffects.session.label") == "capacity-off");
        Assert.Contains(telemetry.Of("sessioneffects.operations"), m => m.Tag("sessioneffects.session.label") == "capacity-off");

        SessionEffectsDiagnostics.RecordConsumedCapacity = true;
        try
        {
            using var measured = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CapOn"))).WithLabel("capacity-on");
            await Run.Value(createTable(Users), measured);
            await Run.Value(save(Users, new User { Id = "z" }), measured);
            await Run.Value(get(Users, "z"), measured);
            await Run.Value(batchSave(Users, [new User { Id = "b1" }, new User { Id = "b2" }]), measured);

            Assert.True(Assert.IsType<SessionDynamoClient>(measured.DynamoDB).ReportsCapacity);
            var capacity = telemetry.Of("sessioneffects.consumed_capacity").Where(m => m.Tag("sessioneffects.session.label") == "capacity-on").ToList();
            Assert.Contains(capacity, m => m.Tag("db.operation.name") == "UpdateItem" && m.Tag("sessioneffects.capacity.kind") == "write" && m.Value >= 1);
            Assert.Contains(capacity, m => m.Tag("db.operation.name") == "GetItem" && m.Tag("sessioneffects.capacity.kind") == "read" && m.Value > 0);
            Assert.Contains(capacity, m => m.Tag("db.operation.name") == "BatchWriteItem" && m.Tag("db.collection.name") == "users" && m.Value >= 2);
        }
        finally
        {
            SessionEffectsDiagnostics.RecordConsumedCapacity = false;
        }
    }

    [Fact]
    public async Task The_core_logs_through_the_process_wide_factory_and_a_successful_batch_logs_nothing_above_debug()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var previous = SessionEffectsDiagnostics.LoggerFactory;
        SessionEffectsDiagnostics.LoggerFactory = factory;
        try
        {
            using var session = (await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Logs"))).WithLabel("logs");
            await Run.Value(createTable(Users), session);
            await Run.Value(useSession(Users, session, batchSave(Users, Enumerable.Range(0, 60).Select(i => new User { Id = "i" + i }))), SessionEnv.New(session));

            var logs = collector.GetSnapshot();
            Assert.Contains(logs, r => r.Category == "SessionEffects.Scopes" && r.Level == LogLevel.Debug && r.Message.StartsWith("Table users switched to Keys(key=", StringComparison.Ordinal));
            Assert.DoesNotContain(logs, r => r.Level >= LogLevel.Information);
        }
        finally
        {
            SessionEffectsDiagnostics.LoggerFactory = previous;
        }

        Assert.Same(previous, SessionEffectsDiagnostics.LoggerFactory);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Fidelity;

/// <summary>
/// The write attributes one by one, against DynamoDB Local: what each operation does with counters, generated
/// timestamps, if-not-exists properties, nullable enums and the <see cref="TableMappingOptionsAttribute"/> settings,
/// where the differential property cannot show it (transactions, batch refusals, conditions, the facade).
/// </summary>
public sealed class WriteAttributeTests : IAsyncLifetime
{
    private static readonly DynamoTable<ZooCounted> Counted = DynamoTable.Of<ZooCounted>();
    private static readonly DynamoTable<ZooUnversioned> Unversioned = DynamoTable.Of<ZooUnversioned>();
    private static readonly DynamoTable<ZooLenient> Lenient = DynamoTable.Of<ZooLenient>();
    private static readonly DynamoTable<ZooLocalTime> LocalTimes = DynamoTable.Of<ZooLocalTime>();
    private readonly string accessKey = LocalDynamo.NewAccessKey("Write");
    private AwsSession session = null!;
    private IAmazonDynamoDB raw = null!;

    public async Task InitializeAsync()
    {
        session = await LocalDynamo.SessionAsync(accessKey);
        raw = await LocalDynamo.RawClientAsync(accessKey);
        foreach (var table in new DynamoTable[] { Counted, Unversioned, Lenient, LocalTimes })
        {
            await Run.Value(createTable(table), session);
        }
    }

    public Task DisposeAsync()
    {
        raw.Dispose();
        session.Dispose();
        return Task.CompletedTask;
    }

    [EngineFact(EngineFeature.Transactions)]
    public async Task A_transaction_save_adds_to_counters_and_keeps_if_not_exists_values()
    {
        var item = new ZooUnversioned { Id = "tx", Origin = "first", Note = "a" };
        await Run.Value(transactWrite([WritePart.Put(Unversioned, item)]), session);
        var again = new ZooUnversioned { Id = "tx", Origin = "second", Note = "b", Visits = 50 };
        await Run.Value(transactWrite([WritePart.Put(Unversioned, again)]), session);

        var stored = await Stored(Unversioned, "Id", "tx");
        Assert.Equal("1", stored["Visits"].N);             // 0, then +1: the object's 50 is never written
        Assert.Equal("first", stored["origin"].S);         // kept: written only when absent
        Assert.Equal("b", stored["Note"].S);

        // A transaction returns no item: the object is populated from what was sent (its timestamp), as DynamoDBContext does.
        Assert.Equal(50, again.Visits);
        Assert.Equal(DateTime.Parse(stored["Touched"].S, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(), again.Touched);
    }

    [Fact]
    public async Task A_save_gives_the_object_the_counted_and_kept_values_DynamoDB_stored()
    {
        var first = new ZooUnversioned { Id = "s", Origin = "mine" };
        await Run.Value(save(Unversioned, first), session);
        var second = new ZooUnversioned { Id = "s", Origin = "theirs", Visits = 99 };
        await Run.Value(save(Unversioned, second), session);
        Assert.Equal(1, second.Visits);
        Assert.Equal("mine", second.Origin);
        Assert.NotNull(second.Touched);
    }

    [Fact]
    public async Task An_update_changes_only_what_it_names_and_leaves_counters_alone()
    {
        await Run.Value(save(Unversioned, new ZooUnversioned { Id = "u" }), session);
        var updated = await Run.Value(update(Unversioned, "u", null, ItemUpdate.Of<ZooUnversioned>().Set(z => z.Note, "changed")), session);
        Assert.Equal(0, updated.Visits);
        Assert.Equal("changed", updated.Note);
        Assert.Equal("0", (await Stored(Unversioned, "Id", "u"))["Visits"].N);
    }

    [Fact]
    public async Task Batch_saves_of_counted_classes_are_refused_before_anything_is_sent_unless_told_to_write_plain_values()
    {
        using var log = new RequestLog(session);
        var items = new[] { new ZooUnversioned { Id = "b1", Visits = 5, Origin = "x" }, new ZooUnversioned { Id = "b2" } };
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Run.Value(batchSave(Unversioned, items), session));
        Assert.Contains("[DynamoDBAtomicCounter] Visits", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[DynamoDbUpdateBehavior(IfNotExists)] Origin", ex.Message, StringComparison.Ordinal);
        Assert.Contains("writeAsPlainValues: true", ex.Message, StringComparison.Ordinal);
        Assert.Empty(log.Operations);

        // Versioned and counted: both opt-outs are needed, each refusal names its own.
        var versioned = await Assert.ThrowsAsync<InvalidOperationException>(() => Run.Value(batchSave(Counted, [new ZooCounted { Id = "v" }], writeAsPlainValues: true), session));
        Assert.Contains("skipVersionCheck", versioned.Message, StringComparison.Ordinal);
        Assert.Empty(log.Operations);

        await Run.Value(batchSave(Unversioned, items, writeAsPlainValues: true), session);
        var stored = await Stored(Unversioned, "Id", "b1");
        Assert.Equal("5", stored["Visits"].N);
        Assert.Equal("x", stored["origin"].S);
        Assert.True(DateTime.TryParse(stored["Touched"].S, System.Globalization.CultureInfo.InvariantCulture, out _)); // generated in batches too
        Assert.Null(items[1].Touched);                                                                           // ...but never written back
    }

    [EngineFact(EngineFeature.MapAndListEquality)]
    public async Task Conditions_updates_and_queries_on_a_nullable_enum_compare_the_form_it_is_stored_in()
    {
        var item = new ZooCounted { Id = "e", Shade = Hue.Green };
        await Run.Value(save(Counted, item), session);
        Assert.Equal("1", (await Stored(Counted, "id", "e"))["Shade"].M["value__"].N);

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Run.Value(save(Counted, item, DynamoCondition.For<ZooCounted>(z => z.Shade == Hue.Blue)), session));
        await Run.Value(save(Counted, item, DynamoCondition.For<ZooCounted>(z => z.Shade == Hue.Green)), session);

        var updated = await Run.Value(update(Counted, "e", null, ItemUpdate.Of<ZooCounted>().Set(z => z.Shade, Hue.Blue)), session);
        Assert.Equal(Hue.Blue, updated.Shade);
        var found = await Run.Value(fetch(Counted.Query().Where(z => z.Shade == Hue.Blue).AsScan()), session);
        Assert.Equal("e", Assert.Single(found).Id);
    }

    [Fact]
    public async Task IgnoreNullValues_keeps_stored_attributes_and_SkipVersionCheck_neither_checks_nor_increments()
    {
        await Run.Value(save(Lenient, new ZooLenient { Id = "l", Name = "kept", Count = 1, Version = 7 }), session);
        var stale = new ZooLenient { Id = "l", Count = 2, Version = 3 };
        await Run.Value(save(Lenient, stale), session);                    // a stale version is no error
        var stored = await Stored(Lenient, "Id", "l");
        Assert.Equal("kept", stored["Name"].S);                             // a null property leaves it as it is
        Assert.Equal("2", stored["Count"].N);
        Assert.Equal("3", stored["Version"].N);                             // stored as the object holds it
        Assert.Equal(3, stale.Version);
        await Run.Value(batchSave(Lenient, [new ZooLenient { Id = "l2" }]), session);   // no opt-out needed
        await Run.Value(deleteItem(Lenient, new ZooLenient { Id = "l", Version = 1 }), session);
        Assert.True((await raw.GetItemAsync(Lenient.Name, new() { ["Id"] = new() { S = "l" } })).Item is null or { Count: 0 });
    }

    [Fact]
    public async Task RetrieveDateTimeInUtc_false_reads_dates_in_local_time()
    {
        var when = new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        await Run.Value(save(LocalTimes, new ZooLocalTime { Id = "t", When = when }), session);
        var read = (await Run.Value(get(LocalTimes, "t"), session)).IfNone(() => throw new InvalidOperationException("not found"));
        Assert.Equal(DateTimeKind.Local, read.When.Kind);
        Assert.Equal(when, read.When.ToUniversalTime());
    }

    [Fact]
    public async Task The_facade_saves_as_DynamoDBContext_saves_and_keeps_what_other_code_stored()
    {
        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        await raw.PutItemAsync(Unversioned.Name, new() { ["Id"] = new() { S = "f" }, ["legacy"] = new() { S = "written elsewhere" }, ["Note"] = new() { S = "old" } });
        var item = new ZooUnversioned { Id = "f" };
        await Unversioned.SaveAsync(item);
        await Unversioned.SaveAsync(item);
        await Unversioned.SaveAsync(item);

        var stored = await Stored(Unversioned, "Id", "f");
        Assert.Equal("written elsewhere", stored["legacy"].S);  // not a replacing put: DynamoDBContext's update
        Assert.False(stored.ContainsKey("Note"));               // a null property removes its attribute
        Assert.Equal("2", stored["Visits"].N);
        Assert.Equal(2, item.Visits);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Unversioned.BatchSaveAsync([item]));
        await Unversioned.BatchSaveAsync([item], writeAsPlainValues: true);
    }

    private async Task<Dictionary<string, AttributeValue>> Stored(DynamoTable table, string keyName, string id) =>
        (await raw.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = new() { [keyName] = new() { S = id } }, ConsistentRead = true })).Item;
}

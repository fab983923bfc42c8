using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataSafety;

/// <summary>
/// <c>[DynamoDBVersion]</c> is honoured as the SDK's DynamoDBContext honours it: nothing is lost to a stale save or
/// delete, and batch writes, which cannot carry the condition, refuse versioned classes unless told otherwise.
/// </summary>
public sealed class OptimisticLockingTests : IAsyncLifetime
{
    private static readonly DynamoTable<VersionedDoc> Docs = DynamoTable.Of<VersionedDoc>();
    private readonly string accessKey = LocalDynamo.NewAccessKey("Lock");
    private AwsSession session = null!;
    private IAmazonDynamoDB raw = null!;

    public async Task InitializeAsync()
    {
        session = await LocalDynamo.SessionAsync(accessKey);
        raw = await LocalDynamo.RawClientAsync(accessKey);
        await Run.Value(createTable(Docs), session);
    }

    public Task DisposeAsync()
    {
        raw.Dispose();
        session.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_new_item_is_saved_as_version_0_and_every_save_increments_it()
    {
        var doc = new VersionedDoc { Id = "a", Text = "one" };
        await Run.Value(save(Docs, doc), session);
        Assert.Equal(0, doc.Version);
        Assert.Equal("0", (await Stored("a"))!["Version"].N);

        doc.Text = "two";
        await Run.Value(save(Docs, doc), session);
        Assert.Equal(1, doc.Version);
        Assert.Equal("1", (await Stored("a"))!["Version"].N);
    }

    [Fact]
    public async Task A_stale_save_fails_and_changes_nothing()
    {
        await Run.Value(save(Docs, new VersionedDoc { Id = "b", Text = "first" }), session);
        var mine = (await Run.Value(get(Docs, "b"), session)).IfNone(() => throw new InvalidOperationException());
        var theirs = (await Run.Value(get(Docs, "b"), session)).IfNone(() => throw new InvalidOperationException());

        theirs.Text = "theirs";
        await Run.Value(save(Docs, theirs), session);
        mine.Text = "mine";
        var ex = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Run.Value(save(Docs, mine), session));

        Assert.Contains("documents", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, mine.Version);
        var stored = await Stored("b");
        Assert.Equal("theirs", stored!["text"].S);
        Assert.Equal("1", stored["Version"].N);
    }

    [Fact]
    public async Task A_new_item_cannot_overwrite_one_that_exists()
    {
        await Run.Value(save(Docs, new VersionedDoc { Id = "c", Text = "kept" }), session);
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Run.Value(save(Docs, new VersionedDoc { Id = "c", Text = "lost" }), session));
        Assert.Equal("kept", (await Stored("c"))!["text"].S);
    }

    [Fact]
    public async Task A_stale_delete_by_item_fails_and_a_fresh_one_deletes()
    {
        var doc = new VersionedDoc { Id = "d", Text = "x" };
        await Run.Value(save(Docs, doc), session);
        var stale = new VersionedDoc { Id = "d", Version = doc.Version };
        await Run.Value(save(Docs, doc), session);

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Run.Value(deleteItem(Docs, stale), session));
        Assert.NotNull(await Stored("d"));

        await Run.Value(deleteItem(Docs, doc), session);
        Assert.Null(await Stored("d"));
    }

    [Fact]
    public async Task A_callers_condition_and_the_version_condition_both_apply()
    {
        var doc = new VersionedDoc { Id = "e", Text = "draft" };
        await Run.Value(save(Docs, doc), session);
        doc.Text = "final";
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() =>
            Run.Value(save(Docs, doc, DynamoCondition.For<VersionedDoc>(d => d.Text == "published")), session));
        Assert.Equal(0, doc.Version);

        await Run.Value(save(Docs, doc, DynamoCondition.For<VersionedDoc>(d => d.Text == "draft")), session);
        Assert.Equal(1, doc.Version);
    }

    [Fact]
    public async Task An_update_increments_the_version_so_an_older_save_cannot_undo_it()
    {
        var doc = new VersionedDoc { Id = "f", Text = "v0" };
        await Run.Value(save(Docs, doc), session);
        var updated = await Run.Value(update(Docs, "f", null, ItemUpdate.Of<VersionedDoc>().Set(d => d.Text, "updated")), session);
        Assert.Equal(1, updated.Version);

        doc.Text = "older";
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Run.Value(save(Docs, doc), session));
        Assert.Equal("updated", (await Stored("f"))!["text"].S);

        var created = await Run.Value(update(Docs, "new", null, ItemUpdate.Of<VersionedDoc>().Set(d => d.Text, "made by update")), session);
        Assert.Equal(0, created.Version);
    }

    [Fact]
    public async Task Batch_writes_of_a_versioned_class_are_refused_before_anything_is_sent_unless_skipped()
    {
        using var log = new RequestLog(session);
        var docs = new[] { new VersionedDoc { Id = "g1" }, new VersionedDoc { Id = "g2" } };
        var save = await Assert.ThrowsAsync<InvalidOperationException>(() => Run.Value(batchSave(Docs, docs), session));
        Assert.Contains("[DynamoDBVersion]", save.Message, StringComparison.Ordinal);
        Assert.Contains("skipVersionCheck", save.Message, StringComparison.Ordinal);
        Assert.Contains("transaction", save.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run.Value(batchDelete(Docs, docs), session));
        Assert.Empty(log.Operations);

        await Run.Value(batchSave(Docs, docs, skipVersionCheck: true), session);
        Assert.NotNull(await Stored("g1"));
        await Run.Value(batchDelete(Docs, docs, skipVersionCheck: true), session);
        Assert.Null(await Stored("g1"));
    }

    [Fact]
    public async Task The_facade_saves_and_deletes_with_the_same_locking()
    {
        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        var doc = new VersionedDoc { Id = "h", Text = "a" };
        await Docs.SaveAsync(doc);
        var stale = new VersionedDoc { Id = "h", Text = "stale", Version = doc.Version };
        await Docs.SaveAsync(doc);
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Docs.SaveAsync(stale));
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Docs.DeleteItemAsync(stale));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Docs.BatchSaveAsync([stale]));
        await Docs.DeleteItemAsync(doc);
        Assert.Null(await Docs.GetAsync("h"));
    }

    [Fact]
    public async Task The_same_saves_and_deletes_give_the_same_outcomes_and_stored_versions_as_DynamoDBContext()
    {
        // The same script through DynamoDBContext, in an account of its own: outcomes and stored versions must agree.
        var otherKey = LocalDynamo.NewAccessKey("Ctx");
        using var other = await LocalDynamo.SessionAsync(otherKey);
        await Run.Value(createTable(Docs), other);
        using var context = new DynamoDBContextBuilder().WithDynamoDBClient(() => other.DynamoDB).ConfigureContext(c => c.DisableFetchingTableMetadata = true).Build();

        var ours = await Script(
            d => Run.Value(save(Docs, d), session),
            d => Run.Value(deleteItem(Docs, d), session),
            id => Stored(id, raw));
        using var otherRaw = await LocalDynamo.RawClientAsync(otherKey);
        var theirs = await Script(
            d => context.SaveAsync(d),
            d => context.DeleteAsync(d),
            id => Stored(id, otherRaw));

        Assert.Equal(theirs, ours);
    }

    /// <summary>Fresh save, second save, stale save, save of a new item over an existing one, stale delete, fresh delete.</summary>
    private static async Task<List<string>> Script(Func<VersionedDoc, Task> saveDoc, Func<VersionedDoc, Task> deleteDoc, Func<string, Task<Dictionary<string, AttributeValue>?>> stored)
    {
        var outcomes = new List<string>();
        async Task Step(string name, Func<Task> action)
        {
            try
            {
                await action();
                outcomes.Add($"{name}: ok");
            }
            catch (ConditionalCheckFailedException)
            {
                outcomes.Add($"{name}: conditional check failed");
            }

            var item = await stored("s");
            outcomes.Add($"  stored version {(item is null ? "none" : item.TryGetValue("Version", out var v) ? v.N : "absent")}");
        }

        var a = new VersionedDoc { Id = "s", Text = "1" };
        await Step("first save", () => saveDoc(a));
        outcomes.Add($"  object version {a.Version}");
        var stale = new VersionedDoc { Id = "s", Text = "stale", Version = a.Version };
        await Step("second save", () => saveDoc(a));
        outcomes.Add($"  object version {a.Version}");
        await Step("stale save", () => saveDoc(stale));
        outcomes.Add($"  stale object version {stale.Version}");
        await Step("new item over existing", () => saveDoc(new VersionedDoc { Id = "s", Text = "new" }));
        await Step("stale delete", () => deleteDoc(stale));
        await Step("fresh delete", () => deleteDoc(a));
        return outcomes;
    }

    private Task<Dictionary<string, AttributeValue>?> Stored(string id) => Stored(id, raw);

    private static async Task<Dictionary<string, AttributeValue>?> Stored(string id, IAmazonDynamoDB client)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = "documents", Key = new() { ["id"] = new AttributeValue { S = id } }, ConsistentRead = true });
        return response.Item is { Count: > 0 } item ? item : null;
    }
}

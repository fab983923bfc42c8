using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataSafety;

/// <summary>
/// Updates name attributes through the class mapping: a C# property name that is not the stored name is an error naming
/// the stored one (it used to create a stray attribute), typed updates use stored names and converters, keys are refused.
/// </summary>
public sealed class ItemUpdateNamingTests : IAsyncLifetime
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private readonly string accessKey = LocalDynamo.NewAccessKey("Upd");
    private AwsSession session = null!;
    private IAmazonDynamoDB raw = null!;

    public async Task InitializeAsync()
    {
        session = await LocalDynamo.SessionAsync(accessKey);
        raw = await LocalDynamo.RawClientAsync(accessKey);
        await Run.Value(createTable(Users), session);
        await Run.Value(save(Users, new User { Id = "1", Name = "Ann", Account = "a" }), session);
    }

    public Task DisposeAsync()
    {
        raw.Dispose();
        session.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_property_name_that_is_not_the_stored_name_is_refused_naming_the_stored_one_and_nothing_is_written()
    {
        using var log = new RequestLog(session);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(update(Users, "1", null, ItemUpdate.Set("Name", "X")), session));
        Assert.Contains("'name'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(log.Operations);

        var item = await Stored();
        Assert.False(item.ContainsKey("Name"));
        Assert.Equal("Ann", item["name"].S);
    }

    [Fact]
    public async Task A_typed_update_writes_the_stored_name()
    {
        var updated = await Run.Value(update(Users, "1", null, ItemUpdate.Of<User>().Set(u => u.Name, "Bea").Set(u => u.Account, "b")), session);
        Assert.Equal("Bea", updated.Name);
        var item = await Stored();
        Assert.Equal("Bea", item["name"].S);
        Assert.False(item.ContainsKey("Name"));
    }

    [Fact]
    public async Task The_stored_name_and_attributes_the_class_does_not_map_still_work_as_text()
    {
        await Run.Value(update(Users, "1", null, ItemUpdate.Set("name", "Cy").AndSet("legacy_flag", true)), session);
        var item = await Stored();
        Assert.Equal("Cy", item["name"].S);
        Assert.True(item["legacy_flag"].BOOL);
    }

    [Fact]
    public async Task Key_attributes_cannot_be_updated_and_the_failure_comes_before_sending()
    {
        using var log = new RequestLog(session);
        var typed = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(update(Users, "1", null, ItemUpdate.Of<User>().Set(u => u.Id, "2")), session));
        Assert.Contains("key attribute", typed.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(update(Users, "1", null, ItemUpdate.Set("id", "2")), session));
        Assert.Empty(log.Operations);
    }

    [Fact]
    public async Task A_typed_condition_on_an_update_uses_stored_names()
    {
        var update = ItemUpdate.Of<User>().Set(u => u.Account, "moved").When(u => u.Name == "nobody");
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => Run.Value(Dynamo.update(Users, "1", null, update), session));
        var ok = ItemUpdate.Of<User>().Set(u => u.Account, "moved").When(u => u.Name == "Ann");
        Assert.Equal("moved", (await Run.Value(Dynamo.update(Users, "1", null, ok), session)).Account);
    }

    private async Task<Dictionary<string, AttributeValue>> Stored() =>
        (await raw.GetItemAsync(new GetItemRequest { TableName = "users", Key = new() { ["id"] = new AttributeValue { S = "1" } }, ConsistentRead = true })).Item;
}

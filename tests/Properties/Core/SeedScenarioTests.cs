using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static LanguageExt.Prelude;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.Core;

/// <summary>
/// The Python original's demo, replayed with the core API against DynamoDB Local: a default account and a project
/// account (two access keys), the same table mapping switched between them.
/// </summary>
public sealed class SeedScenarioTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task The_original_demo_runs_step_by_step_with_the_core()
    {
        var (defaultKey, projectKey) = (LocalDynamo.NewAccessKey("Default"), LocalDynamo.NewAccessKey("Project"));
        using var defaultAccount = await LocalDynamo.SessionAsync(defaultKey);
        using var project = await LocalDynamo.SessionAsync(projectKey);
        var env = SessionEnv.New(defaultAccount);

        // The table exists in neither account.
        Assert.False(await Run.Value(tableExists(Users), env));
        Assert.False(await Run.Value(useSession(Users, project, tableExists(Users)), env));

        // Create it in the project account only (restore mode: the binding comes back afterwards).
        await Run.Value(useSession(Users, project, createTable(Users)), env);
        Assert.Same(defaultAccount, await Run.Value(currentSession(Users), env));

        // A save through the default account fails: no table there. The SDK's exception type survives, with context.
        var noTable = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(save(Users, new User { Id = "1", Name = "Alice" }), env));
        Assert.Contains("UpdateItem on table users via Keys(", noTable.Message, System.StringComparison.Ordinal);

        // Save with keep: the binding stays after the block.
        await Run.Value(useSession(Users, project, save(Users, new User { Id = "1", Name = "Alice" }), restoreOnExit: false), env);
        Assert.Same(project, await Run.Value(currentSession(Users), env));

        // Read back without re-entering (kept), and through a none session (no effect).
        Assert.Equal("Alice", (await Run.Value(get(Users, "1"), env)).Map(u => u.Name).IfNone("missing"));
        Assert.Equal("Alice", (await Run.Value(useSession(Users, null, get(Users, "1")), env)).Map(u => u.Name).IfNone("missing"));

        // Reset: the default account again, which has no table.
        await Run.Value(resetConnection(Users), env);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(get(Users, "1"), env));

        // Copy every item from the project account into the default account, as one composed workflow.
        var copy =
            from _ in createTable(Users)
            from items in useSession(Users, project, scan(Users))
            from __ in batchSave(Users, items)
            from copied in count(Users)
            select (items.Count, copied);
        var (scanned, copiedCount) = await Run.Value(copy, env);
        Assert.Equal(1, scanned);
        Assert.Equal(1L, copiedCount);

        // A plain client of the default account sees the copied item.
        using var raw = await LocalDynamo.RawClientAsync(defaultKey);
        var item = await raw.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "1" } });
        Assert.Equal("Alice", item.Item["name"].S);

        // Clean up both accounts.
        await Run.Value(from _ in deleteTable(Users) from __ in useSession(Users, project, deleteTable(Users)) select unit, env);
        Assert.False(await Run.Value(tableExists(Users), env));
        Assert.False(await Run.Value(useSession(Users, project, tableExists(Users)), env));
    }
}

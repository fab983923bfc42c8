using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static LanguageExt.Prelude;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.TableNaming;

/// <summary>
/// The original demo with a table naming on the project session (issue 23): the table is created as <c>dev-users</c>
/// in the project account and as <c>users</c> in the default account; raw SDK clients check both, and that neither
/// account has the other's name.
/// </summary>
public sealed class NamedSeedScenarioTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task The_demo_with_a_prefixed_project_session_reaches_dev_users_there_and_users_here()
    {
        var (defaultKey, projectKey) = (LocalDynamo.NewAccessKey("NDefault"), LocalDynamo.NewAccessKey("NProject"));
        using var defaultAccount = await LocalDynamo.SessionAsync(defaultKey);
        // snippet:start table-names
        using var project = (await LocalDynamo.SessionAsync(projectKey)).WithTableNames(TableNames.Prefix("dev-"));
        using var rawDefault = await LocalDynamo.RawClientAsync(defaultKey);
        using var rawProject = await LocalDynamo.RawClientAsync(projectKey);
        var env = SessionEnv.New(defaultAccount);

        Assert.Equal("users", await Run.Value(currentTableName(Users), env));
        Assert.Equal("dev-users", await Run.Value(useSession(Users, project, currentTableName(Users)), env));
        // snippet:end table-names

        // Created in the project account, under the project's name only.
        await Run.Value(useSession(Users, project, createTable(Users)), env);
        Assert.Equal(["dev-users"], (await rawProject.ListTablesAsync()).TableNames);
        Assert.Empty((await rawDefault.ListTablesAsync()).TableNames);
        Assert.Equal("dev-users", (await Run.Value(useSession(Users, project, describeTable(Users)), env)).TableName);

        // A save through the default account fails (no users there), naming the plain table.
        var noTable = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(save(Users, new User { Id = "1", Name = "Alice" }), env));
        Assert.Contains("UpdateItem on table users via", noTable.Message, System.StringComparison.Ordinal);

        // Keep: saves and reads go to dev-users in the project account.
        await Run.Value(useSession(Users, project, save(Users, new User { Id = "1", Name = "Alice" }), restoreOnExit: false), env);
        Assert.Equal("Alice", (await Run.Value(get(Users, "1"), env)).Map(u => u.Name).IfNone("missing"));
        Assert.Equal("Alice", (await rawProject.GetItemAsync("dev-users", new() { ["id"] = new AttributeValue { S = "1" } })).Item["name"].S);

        // Reset, then the copy workflow: the plain users table in the default account gets the item.
        await Run.Value(resetConnection(Users), env);
        var copy =
            from _ in createTable(Users)
            from items in useSession(Users, project, scan(Users))
            from __ in batchSave(Users, items)
            from copied in count(Users)
            select (items.Count, copied);
        Assert.Equal((1, 1L), await Run.Value(copy, env));
        Assert.Equal(["users"], (await rawDefault.ListTablesAsync()).TableNames);
        Assert.Equal("Alice", (await rawDefault.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "1" } })).Item["name"].S);
        Assert.Equal(["dev-users"], (await rawProject.ListTablesAsync()).TableNames);

        // Clean up both accounts, each under its own name.
        await Run.Value(from _ in deleteTable(Users) from __ in useSession(Users, project, deleteTable(Users)) select unit, env);
        Assert.Empty((await rawProject.ListTablesAsync()).TableNames);
        Assert.Empty((await rawDefault.ListTablesAsync()).TableNames);
    }
}

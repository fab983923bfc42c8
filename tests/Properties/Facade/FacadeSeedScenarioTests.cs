using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Facade;

/// <summary>The Python original's demo through the C# facade, against DynamoDB Local with two accounts.</summary>
public sealed class FacadeSeedScenarioTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task The_original_demo_runs_with_using_scopes()
    {
        var (defaultKey, projectKey) = (LocalDynamo.NewAccessKey("FDefault"), LocalDynamo.NewAccessKey("FProject"));
        using var defaultAccount = await LocalDynamo.SessionAsync(defaultKey);
        using var project = await LocalDynamo.SessionAsync(projectKey);
        using var env = Sessions.UseEnvironment(BindingRoot.New(defaultAccount));

        Assert.False(await Users.ExistsAsync());
        using (Sessions.UseSession(Users, project))
        {
            Assert.False(await Users.ExistsAsync());
            await Users.CreateTableAsync();
        }

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Users.SaveAsync(new User { Id = "1", Name = "Alice" }));

        using (Sessions.UseSession(Users, project, restoreOnExit: false))
        {
            await Users.SaveAsync(new User { Id = "1", Name = "Alice" });
        }

        Assert.Equal("Alice", (await Users.GetAsync("1"))?.Name);
        using (Sessions.UseSession(Users, null))
        {
            Assert.Equal("Alice", (await Users.GetAsync("1"))?.Name);
        }

        Sessions.ResetConnection(Users);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Users.GetAsync("1"));

        await Users.CreateTableAsync();
        var copied = new List<User>();
        using (Sessions.UseSession(Users, project))
        {
            await foreach (var user in Users.ScanAsync())
            {
                copied.Add(user);
            }
        }

        await Users.BatchSaveAsync(copied);
        Assert.Equal(1L, await Users.CountAsync());

        using var raw = await LocalDynamo.RawClientAsync(defaultKey);
        Assert.Equal("Alice", (await raw.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "1" } })).Item["name"].S);

        await Users.DeleteTableAsync();
        using (Sessions.UseSession(Users, project))
        {
            await Users.DeleteTableAsync();
            Assert.False(await Users.ExistsAsync());
        }

        Assert.False(await Users.ExistsAsync());
    }
}

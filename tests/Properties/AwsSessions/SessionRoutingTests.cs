using System;
using System.IO;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.AwsSessions;

/// <summary>Where a session's requests land, checked against real DynamoDB Local with plain SDK clients.</summary>
public sealed class SessionRoutingTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task Two_explicit_keys_reach_two_separate_databases()
    {
        var (a, b) = (LocalDynamo.NewAccessKey("KeyA"), LocalDynamo.NewAccessKey("KeyB"));
        using var sessionA = await LocalDynamo.SessionAsync(a);
        using var sessionB = await LocalDynamo.SessionAsync(b);

        await Run.Value(createTable(Users), sessionA);
        await Run.Value(save(Users, new User { Id = "1", Name = "in A" }), sessionA);

        Assert.True(await Run.Value(tableExists(Users), sessionA));
        Assert.False(await Run.Value(tableExists(Users), sessionB));
        using var rawA = await LocalDynamo.RawClientAsync(a);
        var item = await rawA.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "1" } });
        Assert.Equal("in A", item.Item["name"].S);
    }

    [Fact]
    public async Task A_profile_session_reaches_the_database_of_the_profiles_key()
    {
        var key = LocalDynamo.NewAccessKey("Prof");
        var file = Path.Combine(Path.GetTempPath(), $"se-credentials-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, $"[project]\naws_access_key_id = {key}\naws_secret_access_key = profile-secret\nregion = eu-central-1\n");
        try
        {
            using var session = AwsSession.FromProfile("project", credentialsFile: file).WithEndpoint(await LocalDynamo.EndpointAsync());
            Assert.Equal(SessionKind.Profile, session.Kind);
            Assert.Equal("eu-central-1", session.Region);

            await Run.Value(createTable(Users), session);

            using var raw = await LocalDynamo.RawClientAsync(key, "eu-central-1");
            Assert.Contains("users", (await raw.ListTablesAsync()).TableNames);
            using var otherRegion = await LocalDynamo.RawClientAsync(key);
            Assert.DoesNotContain("users", (await otherRegion.ListTablesAsync()).TableNames ?? []);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WithRegion_moves_requests_to_that_regions_database_and_has_its_own_client()
    {
        var key = LocalDynamo.NewAccessKey("Reg");
        using var east = await LocalDynamo.SessionAsync(key);
        using var west = east.WithRegion("eu-west-1");

        await Run.Value(createTable(Users), west);

        Assert.True(await Run.Value(tableExists(Users), west));
        Assert.False(await Run.Value(tableExists(Users), east));
        Assert.Equal("eu-west-1", west.Region);
        Assert.Equal(east.Endpoint, west.Endpoint);
        Assert.NotSame(east.DynamoDB, west.DynamoDB);
    }

    [Fact]
    public async Task A_session_creates_its_client_once_and_reuses_it()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Once"));
        var first = session.DynamoDB;
        var clients = await Task.WhenAll(Enumerable(16, () => Task.Run(() => session.DynamoDB)));
        Assert.All(clients, c => Assert.Same(first, c));
    }

    [Fact]
    public async Task A_disposed_session_refuses_further_use_with_a_clear_error()
    {
        var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Gone"));
        _ = session.DynamoDB;
        session.Dispose();
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.DynamoDB);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Run.Value(tableExists(Users), session));
    }

    private static Task<T>[] Enumerable<T>(int count, Func<Task<T>> make)
    {
        var tasks = new Task<T>[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = make();
        }

        return tasks;
    }
}

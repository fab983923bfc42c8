using System.Collections.Generic;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Facade;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// README's C# quick start, compiled and run against DynamoDB Local. <see cref="ReadmeSnippetTests"/> checks that the
/// code between the snippet markers is exactly what README shows, so neither can drift.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class CSharpQuickStart
{
    [Fact]
    public async Task The_quick_start_runs()
    {
        using var defaultAccount = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("QsDefault"));
        using var project = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("QsProject"));
        var names = new List<string>();

        // snippet:start csharp-quickstart
        Sessions.Configure(defaultAccount);                 // once at start-up; the SDK default chain otherwise
        var users = Table.Of<User>();                       // the table mapping, as a value

        using (Sessions.UseSession(users, project))         // restoreOnExit: true by default
        {
            await users.CreateTableAsync();
            await users.SaveAsync(new User { Id = "42", Name = "Alice" });
        }                                                   // back on the default account here

        using (Sessions.UseSession(users, project, restoreOnExit: false)) { }   // keep: the switch stays
        var alice = await users.GetAsync("42");             // read from the project account
        await foreach (var user in users.ScanAsync())       // streamed page by page
        {
            names.Add(user.Name);
        }

        Sessions.ResetConnection(users);                    // back to the default account
        // snippet:end csharp-quickstart

        Assert.Equal("Alice", alice?.Name);
        Assert.Equal(new[] { "Alice" }, names);
        Assert.Same(defaultAccount, Sessions.CurrentSession(users));
        Assert.False(await users.ExistsAsync());
        Sessions.Configure(AwsSession.FromDefaultChain());
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace SessionEffects.Properties.Facade;

/// <summary>
/// The Python original's failure case: many concurrent requests switching one table to different accounts. Here 64
/// tasks serve 8 accounts, each repeatedly opening a restore scope of the same table and writing items tagged with its
/// account; plain SDK clients then find every item in its own account and none elsewhere.
/// </summary>
public sealed class TenantsUnderLoadTests(ITestOutputHelper output)
{
    private const int Accounts = 8;
    private const int Tasks = 64;
    private const int ScopesPerTask = 10;
    private const int WritesPerScope = 2;
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task Sixty_four_tasks_switching_one_table_among_eight_accounts_put_every_item_in_its_own_account()
    {
        var keys = Enumerable.Range(0, Accounts).Select(i => LocalDynamo.NewAccessKey($"Tenant{i}x")).ToArray();
        var sessions = await Task.WhenAll(keys.Select(k => LocalDynamo.SessionAsync(k)));
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("TenantDefault"));
        using var env = Sessions.UseEnvironment(BindingRoot.New(defaultSession));
        foreach (var s in sessions)
        {
            using (Sessions.UseSession(Users, s))
            {
                await Users.CreateTableAsync();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var account = t % Accounts;
            for (var scope = 0; scope < ScopesPerTask; scope++)
            {
                using (Sessions.UseSession(Users, sessions[account]))
                {
                    for (var w = 0; w < WritesPerScope; w++)
                    {
                        await Users.SaveAsync(new User { Id = $"t{t}-s{scope}-w{w}", Account = keys[account] });
                        await Task.Yield();
                    }
                }
            }
        })));

        var total = 0;
        for (var a = 0; a < Accounts; a++)
        {
            using var raw = await LocalDynamo.RawClientAsync(keys[a]);
            var items = new List<Dictionary<string, AttributeValue>>();
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await raw.ScanAsync(new ScanRequest { TableName = "users", ExclusiveStartKey = start });
                items.AddRange(page.Items);
                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);

            Assert.All(items, i => Assert.Equal(keys[a], i["Account"].S));
            Assert.Equal(Tasks / Accounts * ScopesPerTask * WritesPerScope, items.Count);
            total += items.Count;
        }

        Assert.Equal(Tasks * ScopesPerTask * WritesPerScope, total);
        Assert.False(await Users.ExistsAsync(), "the default account must have no table: nothing may fall through to it");
        output.WriteLine($"{total} items written by {Tasks} tasks into {Accounts} accounts; each found only in its own account.");
        foreach (var s in sessions)
        {
            s.Dispose();
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataSafety;

/// <summary>
/// A facade stream reads the account it was created in (SPEC.md): taken out of its scope, it still reads the scope's
/// session, not the one bound where it is enumerated (it used to read the default account, silently).
/// </summary>
public sealed class StreamSessionPinningTests
{
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();

    [Fact]
    public async Task Streams_created_inside_a_scope_read_that_scopes_account_wherever_they_are_enumerated()
    {
        using var home = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("PinHome"));
        using var tenant = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("PinTenant"));
        foreach (var (session, label) in new[] { (home, "home"), (tenant, "tenant") })
        {
            await Run.Value(createTable(Orders), session);
            await Run.Value(batchSave(Orders, Enumerable.Range(0, 3).Select(i => new Order { CustomerId = "c", PlacedAt = i, Account = label })), session);
        }

        using var environment = Sessions.UseEnvironment(BindingRoot.New(home));
        IAsyncEnumerable<Order> scan, query, linq;
        using (Sessions.UseSession(Orders, tenant))
        {
            scan = Orders.ScanAsync();
            query = Orders.QueryAsync("c");
            linq = Orders.Query().Where(o => o.CustomerId == "c").AsAsyncEnumerable();
        }

        Assert.Same(home, Sessions.CurrentSession(Orders));
        foreach (var stream in new[] { scan, query, linq })
        {
            var accounts = new List<string>();
            await foreach (var order in stream)
            {
                accounts.Add(order.Account);
            }

            Assert.Equal(["tenant", "tenant", "tenant"], accounts);
        }

        // And a stream created outside any scope keeps reading the default account inside one.
        var outside = Orders.ScanAsync();
        using (Sessions.UseSession(Orders, tenant))
        {
            var accounts = new List<string>();
            await foreach (var order in outside)
            {
                accounts.Add(order.Account);
            }

            Assert.All(accounts, a => Assert.Equal("home", a));
        }
    }
}

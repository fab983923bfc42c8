using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;

namespace SessionEffects.Properties.Readme;

// snippet:start testing-fixture
/// <summary>One DynamoDB Local for the test class, stopped afterwards (and by a watchdog if the test host dies).</summary>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    public DynamoDbLocal Local { get; private set; } = null!;

    public async Task InitializeAsync() => Local = await DynamoDbLocal.StartAsync();

    public async Task DisposeAsync() => await Local.DisposeAsync();
}

public sealed class TenantIsolationTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>
{
    [Fact]
    public async Task Each_account_is_a_database_of_its_own()
    {
        using var tenantA = dynamo.Local.NewAccount("TenantA");   // a new, empty "account"
        using var tenantB = dynamo.Local.NewAccount("TenantB");
        var users = DynamoTable.Of<User>();

        using (Sessions.UseSession(users, tenantA))
        {
            await users.CreateTableAsync();
            await users.SaveAsync(new User { Id = "1", Name = "Ann" });
        }

        using (Sessions.UseSession(users, tenantB))
        {
            Assert.False(await users.ExistsAsync());            // tenant B sees nothing of tenant A
        }
    }
}
// snippet:end testing-fixture

using System;
using System.Net.Http;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataSafety;

/// <summary>
/// Every failure of an operation names the table, the operation and the masked session, keeps the original reachable,
/// and shows no secret — transport failures, a disposed session and caller-identity failures included (they used to
/// arrive bare).
/// </summary>
public sealed class FailureContextTests
{
    private const string Secret = "never-show-this-secret";
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task Connection_refused_keeps_its_type_and_names_table_operation_and_masked_session()
    {
        using var unreachable = AwsSession.FromKeys("AKIAUNREACHABLE0001", Secret, "eu-west-1").WithEndpoint($"http://127.0.0.1:{ClosedPort()}");
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => Run.Value(get(Users, "1"), unreachable));

        Assert.IsType<HttpRequestException>(ex.InnerException, exactMatch: false);
        Assert.IsType(ex.InnerException!.GetType(), ex);
        AssertContext(ex, "GetItem", "table users", "AKIA****0001");
    }

    [Fact]
    public async Task A_disposed_session_fails_with_ObjectDisposedException_naming_the_operation()
    {
        var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Gone"));
        session.Dispose();
        var ex = await Assert.ThrowsAsync<ObjectDisposedException>(() => Run.Value(scan(Users), session));
        AssertContext(ex, "Scan", "table users", "Keys(key=");
        Assert.IsType<ObjectDisposedException>(ex.InnerException);

        using var environment = Sessions.UseEnvironment(BindingRoot.New(session));
        var facade = await Assert.ThrowsAsync<ObjectDisposedException>(() => Users.SaveAsync(new User { Id = "1" }));
        AssertContext(facade, "UpdateItem", "table users", "Keys(key=");
    }

    [Fact]
    public async Task A_caller_identity_failure_names_the_operation_and_the_masked_session()
    {
        using var session = AwsSession.FromKeys("AKIAIDENTITYFAIL0002", Secret, "eu-west-1").WithStsEndpoint(new Uri($"http://127.0.0.1:{ClosedPort()}"));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => session.GetCallerIdentityAsync());
        Assert.NotNull(ex.InnerException);
        AssertContext(ex, "GetCallerIdentity", "STS", "AKIA****0002");

        var viaEffect = await Assert.ThrowsAnyAsync<Exception>(() => Run.Value(Identity.callerIdentity(session), session));
        AssertContext(viaEffect, "GetCallerIdentity", "STS", "AKIA****0002");
    }

    [Fact]
    public async Task A_service_error_keeps_the_SDK_type_and_names_the_table()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("NoTable"));
        var ex = await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(() => Run.Value(get(Users, "1"), session));
        AssertContext(ex, "GetItem", "table users", "Keys(key=");
        Assert.IsType<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(ex.InnerException);
    }

    /// <summary>A loopback port nobody listens on (bound, read, released).</summary>
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void AssertContext(Exception ex, string operation, string target, string session)
    {
        Assert.Contains($"{operation} on {target} via ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(session, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("dynamodb-local-", ex.ToString(), StringComparison.Ordinal);
    }
}

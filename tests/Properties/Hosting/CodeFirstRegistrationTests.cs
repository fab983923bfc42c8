using System;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionEffects.CSharp;
using SessionEffects.Extensions.DependencyInjection;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Facade;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Hosting;

/// <summary>
/// The code-first overload registers the same things as the configuration one, and takes what configuration never
/// holds: credentials you bring and a client configuration hook; a pool of any key type registers by name.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class CodeFirstRegistrationTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [Fact]
    public async Task Sessions_set_in_code_are_injected_by_name_and_carry_their_credentials_and_client_settings()
    {
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        var defaultKey = LocalDynamo.NewAccessKey("CodeDef");
        var reportKey = LocalDynamo.NewAccessKey("CodeRep");
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSessionEffects(o =>
        {
            o.Default = new SessionSettings { Credentials = new BasicAWSCredentials(defaultKey, "code-secret"), Region = "us-west-2", Endpoint = endpoint };
            o.Sessions["reports"] = new SessionSettings
            {
                Credentials = new BasicAWSCredentials(reportKey, "code-secret"),
                Region = "us-west-1",
                Endpoint = endpoint,
                Label = "reporting",
                ConfigureClient = c => c.Timeout = TimeSpan.FromSeconds(7),
            };
        });
        builder.Services.AddSessionPool<int>("numbered", sp =>
        {
            var reports = sp.GetRequiredKeyedService<AwsSession>("reports");
            return n => reports.WithRegion("us-west-1").WithLabel("n" + n);
        });

        using var host = builder.Build();
        await host.StartAsync();
        var reportsSession = host.Services.GetRequiredKeyedService<AwsSession>("reports");
        var pool = host.Services.GetRequiredKeyedService<SessionPool<int>>("numbered");

        Assert.Equal("reporting", reportsSession.Label);
        Assert.Equal(TimeSpan.FromSeconds(7), reportsSession.DynamoDB.Config.Timeout);
        Assert.Equal("numbered", pool.Name);
        Assert.Equal("n3", pool.Get(3).Label);
        var unknown = Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => host.Services.GetRequiredKeyedService<AwsSession>("nobody"));
        Assert.Contains("the sessions are Default, reports", unknown.Message, StringComparison.Ordinal);
        using (Sessions.UseSession(Users, reportsSession))
        {
            await Users.CreateTableAsync();
            await Users.SaveAsync(new User { Id = "r1", Name = "report" });
        }

        using var raw = await LocalDynamo.RawClientAsync(reportKey, "us-west-1");
        Assert.Equal("report", (await raw.GetItemAsync("users", new() { ["id"] = new AttributeValue { S = "r1" } })).Item["name"].S);
        await host.StopAsync();
        Assert.True(reportsSession.IsDisposed);
    }
}

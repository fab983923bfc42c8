using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Facade;
using SessionEffects.Samples.CrossAccountCopy;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>README's demo (samples/CrossAccountCopy) runs end to end on every CI run, so it cannot rot.</summary>
[Collection(ProcessRootCollection.Name)]
public sealed class DemoTests
{
    [Fact]
    public async Task The_cross_account_demo_runs_every_step_and_never_prints_a_secret()
    {
        using var defaultAccount = AwsSession.FromKeys(LocalDynamo.NewAccessKey("DemoD"), "demo-secret-value", "us-east-1").WithEndpoint(await LocalDynamo.EndpointAsync());
        using var project = AwsSession.FromKeys(LocalDynamo.NewAccessKey("DemoP"), "demo-secret-value", "us-east-1").WithEndpoint(await LocalDynamo.EndpointAsync());
        using var output = new StringWriter();

        await new Demo(defaultAccount, project, output).RunAsync(CancellationToken.None);

        var text = output.ToString();
        Assert.Contains("11. cleaned up", text, StringComparison.Ordinal);
        Assert.Contains("copied 2 item(s) from the project account; the default account now holds 2", text, StringComparison.Ordinal);
        Assert.Contains("****", text, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-secret-value", text, StringComparison.Ordinal);
        Sessions.Configure(AwsSession.FromDefaultChain());
    }
}

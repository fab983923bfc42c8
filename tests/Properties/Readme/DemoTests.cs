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

    /// <summary>
    /// README's demo command with no option starts dynalite, so it needs no vendor-licensed component; <c>--engine
    /// dynamodb-local</c> starts Amazon's DynamoDB Local instead; any other engine is refused by the parser.
    /// </summary>
    [Theory]
    [InlineData(new string[0], "Starting dynalite (in memory)")]
    [InlineData(new[] { "--engine", "dynamodb-local" }, "Starting DynamoDB Local (in memory, telemetry off)")]
    public async Task The_demo_command_starts_its_engine_and_runs_to_the_end(string[] args, string started)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var code = await Samples.CrossAccountCopy.Cli.Tool.RunAsync(args, output, errors, CancellationToken.None, _ => null);

        Assert.True(code == 0, $"exit {code}: {errors}");
        Assert.Contains(started, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("11. cleaned up", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Done.", output.ToString(), StringComparison.Ordinal);
        var refused = Samples.CrossAccountCopy.Cli.Tool.Parse(["--engine", "localstack"], TextWriter.Null, TextWriter.Null, _ => null);
        Assert.NotEmpty(refused.Errors);
        Sessions.Configure(AwsSession.FromDefaultChain());
    }
}

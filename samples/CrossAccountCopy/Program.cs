using System;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects;
using SessionEffects.Samples.CrossAccountCopy;
using SessionEffects.TestSupport;

DemoOptions options;
try
{
    options = DemoOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(DemoOptions.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

DynamoDbLocal? local = null;
try
{
    AwsSession defaultAccount, project;
    if (options.Profiles.Count == 2)
    {
        Console.WriteLine($"Real AWS: profiles '{options.Profiles[0]}' (default) and '{options.Profiles[1]}' (project).");
        defaultAccount = AwsSession.FromProfile(options.Profiles[0], options.Region);
        project = AwsSession.FromProfile(options.Profiles[1], options.Region);
    }
    else
    {
        var endpoint = options.Endpoint;
        if (endpoint is null)
        {
            Console.WriteLine("Starting DynamoDB Local (in memory, telemetry off) …");
            local = await DynamoDbLocal.StartAsync(cancel.Token);
            endpoint = local.Endpoint;
        }

        Console.WriteLine($"DynamoDB at {endpoint}; two access keys are the two accounts.");
        defaultAccount = AwsSession.FromKeys("DemoDefaultAccount01", "local-secret-default", options.Region).WithEndpoint(endpoint);
        project = AwsSession.FromKeys("DemoProjectAccount02", "local-secret-project", options.Region).WithEndpoint(endpoint);
    }

    using (defaultAccount)
    using (project)
    {
        await new Demo(defaultAccount, project, Console.Out).RunAsync(cancel.Token);
    }

    Console.WriteLine("Done.");
    return 0;
}
catch (Exception ex) when (ex is SessionConfigurationException or DynamoDbLocalUnavailableException or Amazon.Runtime.AmazonServiceException or InvalidOperationException or OperationCanceledException)
{
    Console.Error.WriteLine($"The demo stopped: {ex.GetType().Name}: {ex.Message}");
    return 1;
}
finally
{
    if (local is not null)
    {
        await local.DisposeAsync();
    }
}

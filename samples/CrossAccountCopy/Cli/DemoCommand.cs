using System;
using System.CommandLine;
using System.IO;
using SessionEffects.Testing;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>The tool without a subcommand: the Python original's demo, end to end.</summary>
internal static class DemoCommand
{
    /// <summary>Adds the demo's options and action to the root command.</summary>
    public static void AddTo(RootCommand root, TextWriter output)
    {
        var endpoint = Checks.Url("--endpoint", "Use the DynamoDB at this URL (e.g. a DynamoDB Local you run) with two local access keys.");
        var profiles = new Option<string[]>("--profile") { Description = "Real AWS: give it twice, the default account's profile, then the project account's.", AllowMultipleArgumentsPerToken = false };
        var region = new Option<string>("--region") { Description = "The region of both accounts.", DefaultValueFactory = _ => "us-east-1" };
        var engine = new Option<string>("--engine")
        {
            Description = "The local DynamoDB to start when neither --endpoint nor --profile is given: dynalite (open source, needs Node) or dynamodb-local (Amazon's, needs Java).",
            DefaultValueFactory = _ => "dynalite",
        };
        engine.AcceptOnlyFromAmong("dynalite", "dynamodb-local");
        root.Options.Add(endpoint);
        root.Options.Add(engine);
        root.Options.Add(profiles);
        root.Options.Add(region);
        root.Validators.Add(result =>
        {
            var given = result.GetValue(profiles) ?? [];
            if (given.Length is not (0 or 2))
            {
                result.AddError("Give --profile twice (default account, then project account), or not at all.");
            }
            else if (given.Length == 2 && result.GetValue(endpoint) is not null)
            {
                result.AddError("--endpoint and --profile do not go together: profiles mean real AWS.");
            }
        });

        root.SetAction(async (parse, ct) =>
        {
            DynamoDbLocal? local = null;
            try
            {
                var given = parse.GetValue(profiles) ?? [];
                var where = parse.GetValue(region)!;
                AwsSession defaultAccount, project;
                if (given.Length == 2)
                {
                    output.WriteLine($"Real AWS: profiles '{given[0]}' (default) and '{given[1]}' (project).");
                    defaultAccount = AwsSession.FromProfile(given[0], where);
                    project = AwsSession.FromProfile(given[1], where);
                }
                else
                {
                    var url = parse.GetValue(endpoint);
                    if (url is null)
                    {
                        var chosen = DynamoDbLocal.EngineNamed(parse.GetValue(engine));
                        output.WriteLine(chosen == DynamoEngine.Dynalite ? "Starting dynalite (in memory) …" : "Starting DynamoDB Local (in memory, telemetry off) …");
                        local = await DynamoDbLocal.StartAsync(chosen, ct).ConfigureAwait(false);
                        url = local.Endpoint;
                    }

                    output.WriteLine($"DynamoDB at {url}; two access keys are the two accounts.");
                    defaultAccount = AwsSession.FromKeys("DemoDefaultAccount01", "local-secret-default", where).WithEndpoint(url);
                    project = AwsSession.FromKeys("DemoProjectAccount02", "local-secret-project", where).WithEndpoint(url);
                }

                using (defaultAccount)
                using (project)
                {
                    await new Demo(defaultAccount, project, output).RunAsync(ct).ConfigureAwait(false);
                }

                output.WriteLine("Done.");
                return ExitCodes.Success;
            }
            finally
            {
                if (local is not null)
                {
                    await local.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
    }
}

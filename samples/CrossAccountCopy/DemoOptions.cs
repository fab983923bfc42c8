using System;
using System.Collections.Generic;

namespace SessionEffects.Samples.CrossAccountCopy;

/// <summary>The demo's command line: where the two accounts are.</summary>
internal sealed record DemoOptions(Uri? Endpoint, IReadOnlyList<string> Profiles, string Region, bool Help)
{
    public const string Usage = """
        CrossAccountCopy — the pynamodb_session_manager demo, with SessionEffects.

        Usage:
          dotnet run --project samples/CrossAccountCopy                      starts its own DynamoDB Local; two local access keys are the two accounts
          dotnet run --project samples/CrossAccountCopy -- --endpoint URL    uses the DynamoDB at URL (e.g. a DynamoDB Local you run) with two local access keys
          dotnet run --project samples/CrossAccountCopy -- --profile DEFAULT --profile PROJECT [--region eu-west-1]
                                                                             real AWS: the first profile is the default account, the second the project account
          --help                                                             this text

        It creates the table 'session-effects-demo-users' in the project account, saves and reads with keep and restore,
        copies every item into the default account as one composed workflow, verifies, and deletes both tables again.
        """;

    public static DemoOptions Parse(string[] args)
    {
        Uri? endpoint = null;
        var profiles = new List<string>();
        var region = "us-east-1";
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--endpoint":
                    var text = Next();
                    endpoint = Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--endpoint: '{text}' is not an absolute URL.");
                    break;
                case "--profile":
                    profiles.Add(Next());
                    break;
                case "--region":
                    region = Next();
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Try --help.");
            }
        }

        if (profiles.Count is not (0 or 2))
        {
            throw new ArgumentException("Give --profile twice (default account, then project account), or not at all.");
        }

        if (profiles.Count == 2 && endpoint is not null)
        {
            throw new ArgumentException("--endpoint and --profile do not go together: profiles mean real AWS.");
        }

        return new DemoOptions(endpoint, profiles, region, help);
    }
}

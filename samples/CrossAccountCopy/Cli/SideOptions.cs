using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// How to reach one side of a copy (<c>from</c> or <c>to</c>): a profile (or the SDK's default chain) or an access key
/// id whose secret comes from an environment variable, an optional role to assume on top, a region and an endpoint
/// (DynamoDB Local, a VPC endpoint).
/// </summary>
internal sealed class SideOptions
{
    public SideOptions(string side, string what)
    {
        Side = side;
        What = what;
        SecretVariable = $"COPY_{side.ToUpperInvariant()}_SECRET_ACCESS_KEY";
        TokenVariable = $"COPY_{side.ToUpperInvariant()}_SESSION_TOKEN";
        Profile = Checks.Name($"--{side}-profile", $"The AWS profile of the {what} account (the SDK's default chain when neither it nor --{side}-key is given)", "PROFILE");
        Key = new Option<string?>($"--{side}-key")
        {
            Description = $"The access key id of the {what} account; its secret is read from the environment variable {SecretVariable} " +
                $"(and a session token from {TokenVariable}), never from the command line. With --local, the local account's key (no secret needed)",
            HelpName = "ACCESS_KEY_ID",
        };
        Role = Checks.Name($"--{side}-role", $"A role ARN to assume (on top of the profile or key) for the {what} account", "ROLE_ARN");
        Region = Checks.Name($"--{side}-region", $"The {what} region (the profile's or the SDK's when absent; us-east-1 with --local)", "REGION");
        Endpoint = Checks.Url($"--{side}-endpoint", $"A DynamoDB endpoint for the {what} side (DynamoDB Local, a VPC endpoint)");
    }

    public string Side { get; }

    /// <summary>Which account this side is, in messages: source or target.</summary>
    public string What { get; }

    /// <summary>The environment variable that holds the secret access key for <see cref="Key"/>.</summary>
    public string SecretVariable { get; }

    /// <summary>The environment variable that may hold a session token for <see cref="Key"/>.</summary>
    public string TokenVariable { get; }

    public Option<string?> Profile { get; }

    public Option<string?> Key { get; }

    public Option<string?> Role { get; }

    public Option<string?> Region { get; }

    public Option<Uri?> Endpoint { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Key);
        command.Options.Add(Role);
        command.Options.Add(Region);
        command.Options.Add(Endpoint);
    }

    /// <summary>The mistakes only the options together show (each reported, none acted on).</summary>
    public void Validate(CommandResult result, bool local, Func<string, string?> environment)
    {
        var given = (Option option) => result.GetResult(option) is { Implicit: false };
        if (given(Key) && !IsAccessKeyId(result.GetResult(Key)?.Tokens is [.., var token] ? token.Value : string.Empty))
        {
            // The value is not repeated: it may be a secret given here by mistake.
            result.AddError($"--{Side}-key must be an access key id (letters and digits only); the secret goes in the environment variable {SecretVariable}, never on the command line.");
            return;
        }

        if (given(Key) && given(Profile) && !local)
        {
            result.AddError($"--{Side}-key and --{Side}-profile do not go together: give one of them.");
        }

        if (local)
        {
            foreach (var option in new Option[] { Profile, Role, Endpoint }.Where(given))
            {
                result.AddError($"--local does not go with {option.Name}: with --local both sides are accounts (access keys) on that DynamoDB Local.");
            }

            if (!given(Key))
            {
                result.AddError($"--local needs --{Side}-key: the access key id of the {What} account on that DynamoDB Local (it keeps one database per access key).");
            }
        }
        else if (given(Key))
        {
            if (string.IsNullOrEmpty(environment(SecretVariable)))
            {
                result.AddError($"--{Side}-key needs the secret access key in the environment variable {SecretVariable} (never on the command line); it is not set.");
            }

            if (!given(Region))
            {
                result.AddError($"--{Side}-key needs --{Side}-region: an access key carries no region.");
            }
        }
    }

    /// <summary>The session these options describe (talks to nobody until used).</summary>
    /// <exception cref="UsageException">The profile is unknown, the role ARN malformed, …: the message names the option.</exception>
    public AwsSession Build(ParseResult parse, Uri? local, Func<string, string?> environment)
    {
        var region = parse.GetValue(Region);
        AwsSession session;
        if (parse.GetValue(Key) is { } key)
        {
            session = Usage(Key, () => local is not null
                ? AwsSession.FromKeys(key, "dynamodb-local", region ?? "us-east-1").WithEndpoint(local)
                : AwsSession.FromKeys(key, environment(SecretVariable) ?? string.Empty, region ?? string.Empty, environment(TokenVariable)));
        }
        else
        {
            session = Usage(Profile, () => parse.GetValue(Profile) is { } profile ? AwsSession.FromProfile(profile, region) : AwsSession.FromDefaultChain(region));
        }

        try
        {
            if (parse.GetValue(Role) is { } role)
            {
                session = Usage(Role, () => session.AssumeRole(new AssumeRoleOptions(role) { SessionName = "cross-account-copy" }));
            }

            return parse.GetValue(Endpoint) is { } endpoint ? Usage(Endpoint, () => session.WithEndpoint(endpoint)) : session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static bool IsAccessKeyId(string value) => value.Length > 0 && value.All(char.IsAsciiLetterOrDigit);

    private static AwsSession Usage(Option option, Func<AwsSession> build)
    {
        try
        {
            return build();
        }
        catch (SessionConfigurationException ex)
        {
            throw new UsageException($"{option.Name}: {ex.Message}");
        }
    }
}

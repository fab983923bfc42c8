using System;
using System.CommandLine;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// How to reach one side of a copy (<c>from</c> or <c>to</c>): a profile (or the SDK's default chain), an optional role
/// to assume on top, a region and an endpoint (DynamoDB Local, a VPC endpoint).
/// </summary>
internal sealed class SideOptions
{
    public SideOptions(string side, string what)
    {
        Profile = new Option<string?>($"--{side}-profile") { Description = $"The AWS profile of the {what} account (the SDK's default chain when absent)." };
        Role = new Option<string?>($"--{side}-role") { Description = $"A role ARN to assume (on top of the profile) for the {what} account." };
        Region = new Option<string?>($"--{side}-region") { Description = $"The {what} region (the profile's or the SDK's when absent)." };
        Endpoint = new Option<string?>($"--{side}-endpoint") { Description = $"A DynamoDB endpoint for the {what} side (DynamoDB Local, a VPC endpoint)." };
        Side = side;
    }

    public string Side { get; }

    public Option<string?> Profile { get; }

    public Option<string?> Role { get; }

    public Option<string?> Region { get; }

    public Option<string?> Endpoint { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Role);
        command.Options.Add(Region);
        command.Options.Add(Endpoint);
    }

    /// <summary>The session these options describe (talks to nobody until used).</summary>
    public AwsSession Build(ParseResult parse)
    {
        var region = parse.GetValue(Region);
        var session = parse.GetValue(Profile) is { } profile ? AwsSession.FromProfile(profile, region) : AwsSession.FromDefaultChain(region);
        if (parse.GetValue(Role) is { } role)
        {
            session = session.AssumeRole(new AssumeRoleOptions(role) { SessionName = "cross-account-copy" });
        }

        return parse.GetValue(Endpoint) is { } endpoint ? session.WithEndpoint(endpoint) : session;
    }
}

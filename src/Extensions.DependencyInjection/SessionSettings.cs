using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// How to build one session, from configuration (<c>SessionEffects:Default</c>, <c>SessionEffects:Sessions:NAME</c>) or
/// code. Credentials come from a <see cref="Profile"/>, a <see cref="SourceSession"/> to assume <see cref="RoleArn"/>
/// from, <see cref="Credentials"/> (code only), or — with none of them — the SDK's default chain. Secrets are never
/// configuration: keys named like an access key, a secret or a token are refused at start-up.
/// </summary>
public sealed class SessionSettings
{
    /// <summary>A profile of the shared config and credentials files (as <c>AWS:Profile</c> in the AWS SDK's own section).</summary>
    public string? Profile { get; set; }

    /// <summary>The credentials file to find <see cref="Profile"/> in (as <c>AWS:ProfilesLocation</c>); the SDK's files when absent.</summary>
    public string? ProfilesLocation { get; set; }

    /// <summary>The region (<c>eu-west-1</c>); the profile's, the source session's or the SDK's region chain when absent.</summary>
    public string? Region { get; set; }

    /// <summary>A DynamoDB endpoint override (DynamoDB Local, a VPC endpoint): an absolute http or https URI.</summary>
    public string? Endpoint { get; set; }

    /// <summary>An STS endpoint override (a VPC endpoint, a local test endpoint): an absolute http or https URI.</summary>
    public string? StsEndpoint { get; set; }

    /// <summary>The name of the session (<c>Default</c> or one of <c>Sessions</c>) to assume <see cref="RoleArn"/> from.</summary>
    public string? SourceSession { get; set; }

    /// <summary>A role to assume on top of the credentials above (<c>arn:aws:iam::123456789012:role/Name</c>).</summary>
    public string? RoleArn { get; set; }

    /// <summary>The external id the role's trust policy asks for.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The role session name (2 to 64 characters); generated when absent.</summary>
    public string? RoleSessionName { get; set; }

    /// <summary>How long the role's credentials last (<c>01:00:00</c>; STS allows 15 minutes to 12 hours).</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Session tags for the role.</summary>
    public Dictionary<string, string> Tags { get; set; } = [];

    /// <summary>An inline session policy (JSON) that narrows what the role's session may do.</summary>
    public string? Policy { get; set; }

    /// <summary>Managed policies used as session policies (at most 10 ARNs).</summary>
    public List<string> PolicyArns { get; set; } = [];

    /// <summary>The source identity to set on the role session.</summary>
    public string? SourceIdentity { get; set; }

    /// <summary>The region whose STS endpoint is called for the role; the source session's region when absent.</summary>
    public string? StsRegion { get; set; }

    /// <summary>How long before the role's credentials expire a background refresh starts (<c>00:05:00</c>); the core's default when absent.</summary>
    public TimeSpan? RefreshBeforeExpiry { get; set; }

    /// <summary>The session's label in metrics and traces; the session's configuration name when absent.</summary>
    public string? Label { get; set; }

    /// <summary>Put before every table name this session reaches (<c>dev-</c>: <c>orders</c> is <c>dev-orders</c>); see <see cref="TableNames"/>.</summary>
    public string? TableNamePrefix { get; set; }

    /// <summary>Put after every table name this session reaches (<c>-v2</c>: <c>orders</c> is <c>orders-v2</c>).</summary>
    public string? TableNameSuffix { get; set; }

    /// <summary>Explicit physical names by logical name (<c>"orders": "orders-2026"</c>), used as they are: no prefix, suffix or chaining.</summary>
    public Dictionary<string, string> TableAliases { get; set; } = [];

    /// <summary>Credentials you bring (code only; configuration never holds credentials).</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Applied to every SDK client the session creates (code only): timeouts, retry mode and attempts, an HTTP client factory.</summary>
    public Action<ClientConfig>? ConfigureClient { get; set; }
}

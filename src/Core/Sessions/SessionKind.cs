namespace SessionEffects;

/// <summary>Where a session's credentials come from.</summary>
public enum SessionKind
{
    /// <summary>The AWS SDK's default credential chain (environment, shared files, SSO, container or instance role).</summary>
    DefaultChain,

    /// <summary>A named profile from the shared config and credentials files.</summary>
    Profile,

    /// <summary>An explicit access key id and secret, optionally with a session token.</summary>
    Keys,

    /// <summary>A role assumed through STS on top of another session.</summary>
    AssumedRole,

    /// <summary>Credentials brought by the caller (<see cref="AwsSession.FromCredentials"/>): any SDK <c>AWSCredentials</c>.</summary>
    Custom,
}

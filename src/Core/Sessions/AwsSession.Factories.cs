using System;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace SessionEffects;

/// <content>
/// The ways to make a session from nothing: the SDK's default chain, a named profile, credentials you bring, explicit
/// keys. Each checks its input and talks to nobody.
/// </content>
public sealed partial class AwsSession
{
    /// <summary>Uses the AWS SDK's default credential chain.</summary>
    /// <param name="region">The region, or <see langword="null"/> to let the SDK's region chain decide (AWS_REGION, profile).</param>
    public static AwsSession FromDefaultChain(string? region = null) =>
        new(CredentialSource.DefaultChain(), CheckRegion(region), endpoint: null, stsEndpoint: null);

    /// <summary>Uses a named profile from the shared config and credentials files.</summary>
    /// <param name="profileName">The profile's name.</param>
    /// <param name="region">The region; the profile's region when <see langword="null"/>.</param>
    /// <param name="credentialsFile">
    /// A credentials file to read; when <see langword="null"/> the SDK's files are used (honouring
    /// <c>AWS_SHARED_CREDENTIALS_FILE</c> and <c>AWS_CONFIG_FILE</c>).
    /// </param>
    /// <exception cref="SessionConfigurationException">The profile does not exist or has no credentials.</exception>
    public static AwsSession FromProfile(string profileName, string? region = null, string? credentialsFile = null)
    {
        if (string.IsNullOrWhiteSpace(profileName))
        {
            throw new SessionConfigurationException("A profile session needs a profile name; it was empty.");
        }

        // The SDK can cache the default file location process-wide; read the variable here so a change is honoured.
        credentialsFile ??= Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        var chain = credentialsFile is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(credentialsFile);
        if (!chain.TryGetProfile(profileName, out var profile))
        {
            throw new SessionConfigurationException(
                $"Unknown AWS profile '{profileName}': it is not in {(credentialsFile is null ? "the shared config or credentials files" : "the given credentials file")}.");
        }

        SsoPackages.Check(profileName, profile.Options);
        AWSCredentials? creds;
        try
        {
            AWSCredentialsFactory.TryGetAWSCredentials(profile, profile.CredentialProfileStore, out creds);
        }
        catch (InvalidOperationException ex)
        {
            // The SDK builds some credentials (SSO, for one) from other assemblies it loads by name, and says so this way.
            throw new SessionConfigurationException($"AWS profile '{profileName}' cannot be used: {ex.Message}", ex);
        }

        if (creds is null)
        {
            throw new SessionConfigurationException(
                $"AWS profile '{profileName}' has no usable credentials (no keys, role, SSO or process settings the SDK can use).");
        }

        var accessKey = profile.Options.AccessKey is { Length: > 0 } key ? key : null;

        // The profile also goes to every client's configuration, so the SDK applies its endpoint_url and services
        // section (and its other client settings) exactly as it does for a client made from that profile.
        return new AwsSession(
            CredentialSource.Profile(profileName, creds, accessKey),
            CheckRegion(region) ?? profile.Region?.SystemName,
            endpoint: null,
            stsEndpoint: null,
            configuredProfile: credentialsFile is null ? new Profile(profileName) : new Profile(profileName, credentialsFile));
    }

    /// <summary>
    /// Uses credentials you bring: any SDK <see cref="AWSCredentials"/> (web identity, a custom refresher, a container
    /// provider). The session never disposes them; they are described as their type name only.
    /// </summary>
    /// <param name="credentials">The credentials; fetched by the first request.</param>
    /// <param name="region">The region, or <see langword="null"/> to let the SDK's region chain decide.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credentials"/> is null.</exception>
    /// <exception cref="SessionConfigurationException">The region is empty.</exception>
    public static AwsSession FromCredentials(AWSCredentials credentials, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new AwsSession(CredentialSource.Custom(credentials), CheckRegion(region), endpoint: null, stsEndpoint: null);
    }

    /// <summary>Uses an explicit access key id and secret, optionally with a session token.</summary>
    /// <param name="accessKeyId">The access key id (shown masked, never in full).</param>
    /// <param name="secretAccessKey">The secret access key (never shown).</param>
    /// <param name="region">The region, e.g. <c>eu-west-1</c>.</param>
    /// <param name="sessionToken">The session token of temporary credentials (never shown).</param>
    /// <exception cref="SessionConfigurationException">A key or the region is empty.</exception>
    public static AwsSession FromKeys(string accessKeyId, string secretAccessKey, string region, string? sessionToken = null)
    {
        if (string.IsNullOrWhiteSpace(accessKeyId))
        {
            throw new SessionConfigurationException("An explicit-keys session needs an access key id; it was empty.");
        }

        if (string.IsNullOrEmpty(secretAccessKey))
        {
            throw new SessionConfigurationException(
                $"The explicit-keys session for {Redaction.MaskAccessKeyId(accessKeyId)} needs a secret access key; it was empty.");
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            throw new SessionConfigurationException(
                $"The explicit-keys session for {Redaction.MaskAccessKeyId(accessKeyId)} needs a region; it was empty.");
        }

        AWSCredentials creds = string.IsNullOrEmpty(sessionToken)
            ? new BasicAWSCredentials(accessKeyId, secretAccessKey)
            : new SessionAWSCredentials(accessKeyId, secretAccessKey, sessionToken);
        return new AwsSession(CredentialSource.Keys(accessKeyId, creds, hasToken: !string.IsNullOrEmpty(sessionToken)), CheckRegion(region), null, null);
    }

    private static string? CheckRegion(string? region) =>
        region is null ? null
        : string.IsNullOrWhiteSpace(region) ? throw new SessionConfigurationException("The region name was empty; pass null to let the SDK decide.")
        : region.Trim();
}

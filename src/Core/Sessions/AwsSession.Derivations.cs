using System;
using Amazon.Runtime;

namespace SessionEffects;

/// <content>
/// Sessions made from this one: an assumed role on top of it, and the <c>With…</c> copies that share its credentials
/// in another region, endpoint, label or client configuration (each owning its own clients).
/// </content>
public sealed partial class AwsSession
{
    /// <summary>
    /// A session that assumes a role on top of this one. Credentials are fetched from STS on first use and refreshed
    /// by the SDK's refreshing-credentials machinery before they expire. The DynamoDB client signs with them.
    /// </summary>
    /// <param name="options">The role and the STS parameters.</param>
    /// <exception cref="SessionConfigurationException">
    /// The role ARN is empty or malformed, the duration is out of range, MFA is half configured, or the session policy,
    /// policy ARNs or tags break STS's limits (see <see cref="AssumeRoleOptions.Policy"/>).
    /// </exception>
    public AwsSession AssumeRole(AssumeRoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AssumedRoleCredentials.Validate(options);
        var stsRegion = options.StsRegion ?? Region;
        var refresher = new AssumedRoleCredentials(options, () => AssumeRoleClient(stsRegion), ToString());

        // The role reaches AWS the way its source does (endpoints, client settings, the profile's configured endpoints);
        // its label is its own.
        var session = new AwsSession(
            CredentialSource.AssumedRole(this, options.RoleArn, refresher), Region, Endpoint, StsEndpoint, label: null, configureClients, configuredProfile)
        {
            TableNames = options.TableNames ?? TableNames.None,
        };
        refresher.Owner = session;
        return session;
    }

    /// <summary>The same credentials in another region (DynamoDB and STS calls go to that region).</summary>
    /// <exception cref="SessionConfigurationException">The region is empty.</exception>
    public AwsSession WithRegion(string region)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new SessionConfigurationException($"WithRegion needs a region name; it was empty (session {this}).");
        }

        return Derive(region, Endpoint, StsEndpoint, label, configureClients);
    }

    /// <summary>The same credentials and region with a DynamoDB endpoint override (DynamoDB Local, a VPC endpoint).</summary>
    /// <exception cref="SessionConfigurationException">The endpoint is not an absolute http or https URI.</exception>
    public AwsSession WithEndpoint(Uri endpoint) =>
        Derive(Region, CheckEndpoint(endpoint, nameof(WithEndpoint)), StsEndpoint, label, configureClients);

    /// <summary>The same credentials and region with a DynamoDB endpoint override given as text.</summary>
    /// <exception cref="SessionConfigurationException">The endpoint is not an absolute http or https URI.</exception>
    public AwsSession WithEndpoint(string endpoint) => WithEndpoint(ParseEndpoint(endpoint, nameof(WithEndpoint)));

    /// <summary>The same session with an STS endpoint override (a VPC endpoint, or a local test endpoint).</summary>
    /// <exception cref="SessionConfigurationException">The endpoint is not an absolute http or https URI.</exception>
    public AwsSession WithStsEndpoint(Uri endpoint) =>
        Derive(Region, Endpoint, CheckEndpoint(endpoint, nameof(WithStsEndpoint)), label, configureClients);

    /// <summary>
    /// The same session under another <see cref="Label"/> (metrics and traces): a tenant, an account's short name.
    /// Like every <c>With…</c> session it shares the credentials and owns its own clients.
    /// </summary>
    /// <param name="label">The label: 1 to 128 characters, never a secret (it is exported as is).</param>
    /// <exception cref="SessionConfigurationException">The label is empty or longer than 128 characters.</exception>
    public AwsSession WithLabel(string label) =>
        string.IsNullOrWhiteSpace(label) || label.Length > 128
            ? throw new SessionConfigurationException($"WithLabel needs a label of 1 to 128 characters (session {this}).")
            : Derive(Region, Endpoint, StsEndpoint, label, configureClients);

    /// <summary>
    /// The same session with <paramref name="configure"/> applied to every SDK client it creates (DynamoDB and STS),
    /// after SessionEffects' own settings: timeouts, retry mode and attempts, an HTTP client factory, a proxy. Roles
    /// assumed from the result inherit it. The STS client used for AssumeRole keeps the SDK's retries off whatever you
    /// set (SessionEffects retries AssumeRole itself).
    /// </summary>
    /// <param name="configure">Changes a client's configuration (an <c>AmazonDynamoDBConfig</c> or an <c>AmazonSecurityTokenServiceConfig</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public AwsSession WithClientConfiguration(Action<ClientConfig> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Derive(Region, Endpoint, StsEndpoint, label, configureClients + configure);
    }

    private AwsSession Derive(string? region, Uri? endpoint, Uri? stsEndpoint, string? newLabel, Action<ClientConfig>? configure) =>
        new(credentials.Share(), region, endpoint, stsEndpoint, newLabel, configure, configuredProfile) { TableNames = TableNames };

    private static Uri ParseEndpoint(string endpoint, string operation) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            ? uri
            : throw new SessionConfigurationException($"{operation}: '{endpoint}' is not an absolute URI such as http://127.0.0.1:8000.");

    private static Uri CheckEndpoint(Uri endpoint, string operation)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps) && endpoint.Host.Length > 0
            ? endpoint
            : throw new SessionConfigurationException($"{operation}: '{endpoint}' is not an absolute http or https URI.");
    }
}

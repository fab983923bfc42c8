using System;
using System.Text;
using System.Threading;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace SessionEffects;

/// <summary>
/// An immutable value naming how to reach AWS: a credentials source, a region and optionally a DynamoDB endpoint
/// override. It owns one DynamoDB client, created on first use and reused by every call and every switch.
/// Building a session talks to nobody; the first request does.
/// </summary>
/// <remarks>
/// <para><b>Equality</b> (<see cref="object.Equals(object)"/>) is identity: two sessions built from the same keys are
/// different values with different clients; reuse one value to share its client. What a session <em>reaches</em> is
/// compared by <see cref="ReachesSameAs"/> (credentials identity, region, endpoint): transactions and page tokens use
/// that, so two sessions built separately for one account pass a transaction together.</para>
/// <para><b>Disposal</b>: a session owns the clients it created (DynamoDB, STS — including the one STS client per
/// region that every role assumed from it shares for AssumeRole) and, when it came from <see cref="AssumeRole"/>, the
/// credential refresher. <see cref="Dispose"/> releases them; using the session afterwards fails with
/// <see cref="ObjectDisposedException"/>, so dispose a source session only after the roles assumed from it. Sessions derived with <see cref="WithRegion"/> or
/// <see cref="WithEndpoint(Uri)"/> share the credentials but own their own clients. Sessions that live as long as the
/// process need not be disposed.</para>
/// <para><b>Pooled sessions</b> (made by a <see cref="SessionPool{TKey}"/>'s factory) belong to the pool:
/// <see cref="Dispose"/> on one does nothing; the pool disposes it after evicting it, once no operation holds it.</para>
/// <para><b>Secrets</b>: <see cref="ToString"/> and every message show the kind, the profile name, the masked access key
/// id (<c>AKIA****WXYZ</c>), the role ARN, the region and the endpoint only.</para>
/// </remarks>
public sealed partial class AwsSession : IDisposable
{
    private readonly CredentialSource credentials;
    private readonly string? label;
    private readonly Action<ClientConfig>? configureClients;
    private readonly Profile? configuredProfile;
    private readonly Lazy<IAmazonDynamoDB> dynamo;
    private readonly Lazy<IAmazonSecurityTokenService> sts;
    private readonly AsyncOnce<CallerIdentity> identity;
    private int disposed;

    private AwsSession(
        CredentialSource credentials, string? region, Uri? endpoint, Uri? stsEndpoint, string? label = null, Action<ClientConfig>? configureClients = null, Profile? configuredProfile = null)
    {
        this.credentials = credentials;
        Region = region;
        Endpoint = endpoint;
        StsEndpoint = stsEndpoint;
        this.label = label;
        this.configureClients = configureClients;
        this.configuredProfile = configuredProfile;
        dynamo = new Lazy<IAmazonDynamoDB>(CreateDynamoClient, LazyThreadSafetyMode.ExecutionAndPublication);
        sts = new Lazy<IAmazonSecurityTokenService>(() => CreateStsClient(region), LazyThreadSafetyMode.ExecutionAndPublication);
        identity = new AsyncOnce<CallerIdentity>(FetchCallerIdentityAsync);
    }

    /// <summary>Where the credentials come from.</summary>
    public SessionKind Kind => credentials.Kind;

    /// <summary>The profile name, for <see cref="SessionKind.Profile"/> sessions.</summary>
    public string? ProfileName => credentials.ProfileName;

    /// <summary>The access key id masked as <c>AKIA****WXYZ</c>, where it is known without a request.</summary>
    public string? MaskedAccessKeyId => credentials.AccessKeyId is null ? null : Redaction.MaskAccessKeyId(credentials.AccessKeyId);

    /// <summary>The role ARN, for <see cref="SessionKind.AssumedRole"/> sessions.</summary>
    public string? RoleArn => credentials.RoleArn;

    /// <summary>The session a role was assumed from, for <see cref="SessionKind.AssumedRole"/> sessions.</summary>
    public AwsSession? SourceSession => credentials.Source;

    /// <summary>The region's system name (<c>eu-west-1</c>); absent when the SDK's region chain decides.</summary>
    public string? Region { get; }

    /// <summary>The DynamoDB endpoint override (DynamoDB Local, a VPC endpoint); absent for the region's endpoint.</summary>
    public Uri? Endpoint { get; }

    /// <summary>The STS endpoint override; absent for the region's STS endpoint.</summary>
    public Uri? StsEndpoint { get; }

    /// <summary>
    /// A short name for this session in metrics and traces (<c>sessioneffects.session.label</c>): the one given to
    /// <see cref="WithLabel"/>, else the profile name, an assumed role's session name (its ARN when unnamed), the masked
    /// access key id, <c>default-chain</c> or <c>custom</c>. Never a secret.
    /// </summary>
    public string Label => label ?? credentials.DefaultLabel;

    /// <summary>
    /// The session's DynamoDB client, created on first use and cached for the life of the session. Thread-safe.
    /// </summary>
    /// <exception cref="SessionConfigurationException">The session has no region and none can be found.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public IAmazonDynamoDB DynamoDB
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return dynamo.Value;
        }
    }

    /// <summary>When the current temporary credentials expire; absent for long-term keys or before the first use.</summary>
    public DateTime? Expiration => credentials.Expiration;

    /// <summary>
    /// The account this session acts in, when known without a request: an assumed role's account (from its ARN) or the
    /// account of a caller identity already fetched.
    /// </summary>
    internal string? KnownAccountId =>
        identity.Completed is { } known ? known.Account
        : RoleArn is { } arn && arn.Split(':') is { Length: >= 6 } parts && parts[4].Length > 0 ? parts[4]
        : null;

    /// <summary>Whether the temporary credentials expire within <paramref name="margin"/> from now.</summary>
    public bool IsExpired(TimeSpan margin) => Expiration is { } e && DateTime.UtcNow + margin >= e.ToUniversalTime();

    /// <summary>Kind, profile, masked access key id, role ARN, region, endpoint and table naming. Never a secret or token.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(credentials.Describe());
        text.Append(", region=").Append(Region ?? "<sdk default>");
        if (Endpoint is not null)
        {
            text.Append(", endpoint=").Append(Endpoint);
        }

        DescribeTableNames(text);

        return text.Append(')').ToString();
    }

    /// <summary>
    /// Releases the clients this session created and, for an assumed role, its credential refresher. Does nothing for a
    /// session that belongs to a <see cref="SessionPool{TKey}"/>: the pool disposes it when nothing uses it any more.
    /// </summary>
    public void Dispose()
    {
        if (Volatile.Read(ref pool) is not null)
        {
            return;
        }

        DisposeClients();
    }

    /// <summary>The SDK credentials themselves (tests read them to prove no secret leaks anywhere). Never shown.</summary>
    internal AWSCredentials SdkCredentials => credentials.Value;

    /// <summary>Whether the session has been disposed (by its owner, or by its pool after eviction).</summary>
    internal bool IsDisposed => Volatile.Read(ref disposed) != 0;

    /// <summary>
    /// Whether the session's credentials have been fetched and are not past their expiry (a refresh within the SDK's
    /// preempt margin happens in the background, without callers waiting).
    /// </summary>
    internal bool CredentialsReady => credentials.Ready;
}

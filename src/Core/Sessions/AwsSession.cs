using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SessionEffects;

/// <summary>
/// An immutable value naming how to reach AWS: a credentials source, a region and optionally a DynamoDB endpoint
/// override. It owns one DynamoDB client, created on first use and reused by every call and every switch.
/// Building a session talks to nobody; the first request does.
/// </summary>
/// <remarks>
/// <para><b>Equality</b> is identity: two sessions are "the same" only when they are the same object. Two sessions
/// built from the same keys are different values with different clients; reuse one value to share its client.</para>
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
public sealed class AwsSession : IDisposable
{
    private const int RetiredFlag = 1 << 30;
    private const int DisposedFlag = int.MinValue;
    private readonly CredentialSource credentials;
    private readonly string? label;
    private readonly Action<ClientConfig>? configureClients;
    private readonly Profile? configuredProfile;
    private readonly Lazy<IAmazonDynamoDB> dynamo;
    private readonly Lazy<IAmazonSecurityTokenService> sts;
    private readonly AsyncOnce<CallerIdentity> identity;
    private ConcurrentDictionary<string, Lazy<IAmazonSecurityTokenService>>? assumeRoleClients;
    private int disposed;

    // Leases (see Lease): the low bits count the operations using the session, RetiredFlag marks a session its pool
    // has let go of, and the sign bit marks a retired session that has been disposed — after which no lease is granted.
    private int leaseState;
    private object? pool;
    private Action<AwsSession>? onRetiredDisposal;

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
        return new AwsSession(
            CredentialSource.AssumedRole(this, options.RoleArn, refresher), Region, Endpoint, StsEndpoint, label: null, configureClients, configuredProfile);
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

    /// <summary>
    /// Who this session is (STS <c>GetCallerIdentity</c>), fetched once and cached; a failed fetch is tried again next time.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the shared fetch itself goes on for other callers.</param>
    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        identity.GetAsync(cancellationToken);

    /// <summary>Kind, profile, masked access key id, role ARN, region and endpoint. Never a secret or token.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(credentials.Describe());
        text.Append(", region=").Append(Region ?? "<sdk default>");
        if (Endpoint is not null)
        {
            text.Append(", endpoint=").Append(Endpoint);
        }

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

    /// <summary>How many leases are held right now.</summary>
    internal int Leases => Volatile.Read(ref leaseState) & (RetiredFlag - 1);

    /// <summary>Whether the session's pool has let go of it (it is disposed when the last lease is given back).</summary>
    internal bool IsRetired => (Volatile.Read(ref leaseState) & RetiredFlag) != 0;

    /// <summary>
    /// Whether the session's credentials have been fetched and are not past their expiry (a refresh within the SDK's
    /// preempt margin happens in the background, without callers waiting).
    /// </summary>
    internal bool CredentialsReady => credentials.Ready;

    /// <summary>
    /// Claims the session for one operation: a retired session is disposed only after every lease is given back.
    /// Leasing a session that is not pooled only counts (it is never retired).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The session was evicted from its pool and has been disposed.</exception>
    internal SessionLease Lease()
    {
        var state = Volatile.Read(ref leaseState);
        while (true)
        {
            if (state < 0)
            {
                throw new ObjectDisposedException(
                    ToString(),
                    "This pooled session was evicted from its SessionPool and disposed before this use. Take sessions from the pool " +
                    "right where they are used (Sessions.UseSession(table, pool.Get(key)) leases at once), or use pool.UseTenant or " +
                    "Pools.useTenant, which hold a lease for the whole scope.");
            }

            var seen = Interlocked.CompareExchange(ref leaseState, state + 1, state);
            if (seen == state)
            {
                return new SessionLease(this);
            }

            state = seen;
        }
    }

    /// <summary>
    /// <see cref="Lease"/>, then, when the credentials need fetching or refreshing, asks for them on the SDK's async path
    /// (a refresh within the margin runs in the background; an expired or first fetch is awaited) so that the request
    /// that follows never fetches them synchronously, blocking a thread.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The session was evicted from its pool and has been disposed.</exception>
    internal ValueTask<SessionLease> LeaseReadyAsync()
    {
        var lease = Lease();
        if (IsDisposed)
        {
            // A session its owner disposed (not a pooled one, whose disposal Lease refuses): fail as its client would.
            lease.Dispose();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return credentials.NeedsAsyncTouch ? TouchCredentialsAsync(lease) : new ValueTask<SessionLease>(lease);
    }

    /// <summary>Gives a lease back; the last lease of a retired session disposes it.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref leaseState) == RetiredFlag)
        {
            DisposeIfRetiredAndIdle();
        }
    }

    /// <summary>Lets go of a pooled session: disposed now if nothing holds it, else when the last lease is given back.</summary>
    internal void Retire()
    {
        if (Interlocked.Or(ref leaseState, RetiredFlag) == 0)
        {
            DisposeIfRetiredAndIdle();
        }
    }

    /// <summary>Makes <paramref name="owner"/> the owner; false when a pool already owns the session.</summary>
    internal bool TryAdopt(object owner, Action<AwsSession> onDisposal)
    {
        if (Interlocked.CompareExchange(ref pool, owner, null) is not null)
        {
            return false;
        }

        onRetiredDisposal = onDisposal;
        return true;
    }

    /// <summary>Routes this session's AssumeRole calls (first fetch and refreshes) through <paramref name="gate"/>.</summary>
    internal void UseAssumeRoleGate(AssumeRoleGate gate)
    {
        if (credentials.Refresher is { } assumed)
        {
            assumed.Gate = gate;
        }
    }

    /// <summary>Fetches the credentials now (the first AssumeRole, or a refresh if they expired), so the first request does not wait.</summary>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    internal async Task WarmCredentialsAsync()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        await credentials.Value.GetCredentialsAsync().ConfigureAwait(false);
    }

    /// <summary>A stream that holds a lease on this session until its enumeration ends.</summary>
    internal IAsyncEnumerable<T> Leased<T>(IAsyncEnumerable<T> stream) => new LeasedStream<T>(this, stream);

    private async ValueTask<SessionLease> TouchCredentialsAsync(SessionLease lease)
    {
        try
        {
            await credentials.Value.GetCredentialsAsync().ConfigureAwait(false);
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private void DisposeIfRetiredAndIdle()
    {
        // Only one of a racing Lease and this exchange can win: either the lease keeps the session, or it is disposed.
        if (Interlocked.CompareExchange(ref leaseState, RetiredFlag | DisposedFlag, RetiredFlag) == RetiredFlag)
        {
            DisposeClients();
            onRetiredDisposal?.Invoke(this);
        }
    }

    private void DisposeClients()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (dynamo.IsValueCreated)
        {
            dynamo.Value.Dispose();
        }

        if (sts.IsValueCreated)
        {
            sts.Value.Dispose();
        }

        foreach (var client in Volatile.Read(ref assumeRoleClients)?.Values ?? [])
        {
            if (client.IsValueCreated)
            {
                client.Value.Dispose();
            }
        }

        credentials.Release();
    }

    private AwsSession Derive(string? region, Uri? endpoint, Uri? stsEndpoint, string? newLabel, Action<ClientConfig>? configure) =>
        new(credentials.Share(), region, endpoint, stsEndpoint, newLabel, configure, configuredProfile);

    private IAmazonDynamoDB CreateDynamoClient()
    {
        var config = new AmazonDynamoDBConfig();
        ApplyEndpoint(config, Region, Endpoint, "DynamoDB");
        configureClients?.Invoke(config);
        return SessionEffectsDiagnostics.RecordConsumedCapacity
            ? new CapacityReportingClient(credentials.Value, config, this)
            : new AmazonDynamoDBClient(credentials.Value, config);
    }

    /// <summary>
    /// The STS client that roles assumed from this session call AssumeRole with: one per STS region, shared by all of
    /// them, without the SDK's retries (<see cref="AssumeRoleGate"/> retries). Owned and disposed by this session.
    /// </summary>
    private IAmazonSecurityTokenService AssumeRoleClient(string? region) =>
        LazyInitializer.EnsureInitialized(ref assumeRoleClients, static () => new(StringComparer.Ordinal)).GetOrAdd(
            region ?? string.Empty,
            static (key, source) => new Lazy<IAmazonSecurityTokenService>(
                () => source.CreateStsClient(key.Length == 0 ? null : key, sdkRetries: false), LazyThreadSafetyMode.ExecutionAndPublication),
            this).Value;

    private IAmazonSecurityTokenService CreateStsClient(string? region, bool sdkRetries = true)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var config = new AmazonSecurityTokenServiceConfig();
        ApplyEndpoint(config, region, StsEndpoint, "STS");
        configureClients?.Invoke(config);
        if (!sdkRetries)
        {
            // AssumeRole calls are retried by AssumeRoleGate (the one backoff policy); the SDK's retries would nest inside it.
            config.MaxErrorRetry = 0;
        }

        return new AmazonSecurityTokenServiceClient(credentials.Value, config);
    }

    private void ApplyEndpoint(ClientConfig config, string? region, Uri? endpoint, string service)
    {
        if (configuredProfile is not null)
        {
            config.Profile = configuredProfile;
        }

        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.ToString();

            // With an endpoint override the SDK cannot infer the signing region; DynamoDB Local keys its databases on it.
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if ((region is not null ? RegionEndpoint.GetBySystemName(region) : FallbackRegion()) is { } regionEndpoint)
        {
            config.RegionEndpoint = regionEndpoint;

            // An endpoint the SDK finds in its configuration (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, a profile's
            // endpoint_url or services section) would otherwise be signed for the process's default region, not the
            // session's; for AWS's own endpoints the signing region is the region anyway.
            config.AuthenticationRegion = regionEndpoint.SystemName;
        }
        else
        {
            throw new SessionConfigurationException(
                $"The session {this} has no region for {service}: give one (FromKeys/FromDefaultChain region, WithRegion) " +
                "or set AWS_REGION or a profile region.");
        }
    }

    private static RegionEndpoint? FallbackRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: false);
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    private async Task<CallerIdentity> FetchCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var response = await Failures.Guard("GetCallerIdentity", "STS", this, ct =>
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return sts.Value.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct);
        }, cancellationToken).ConfigureAwait(false);
        return new CallerIdentity(response.Account, response.Arn, response.UserId);
    }

    private static string? CheckRegion(string? region) =>
        region is null ? null
        : string.IsNullOrWhiteSpace(region) ? throw new SessionConfigurationException("The region name was empty; pass null to let the SDK decide.")
        : region.Trim();

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

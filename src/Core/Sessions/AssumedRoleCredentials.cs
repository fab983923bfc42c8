using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SessionEffects;

/// <summary>
/// Credentials from STS <c>AssumeRole</c>, refreshed by the SDK's <see cref="RefreshingAWSCredentials"/> (which
/// decides when, serialises refreshes and caches the result). We only say how to fetch: that keeps every STS
/// parameter (tags, transitive keys, source identity, MFA) and an STS endpoint override in our hands.
/// </summary>
internal sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    private static readonly TimeSpan DefaultRefreshBeforeExpiry = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxExpirationBuffer = TimeSpan.FromMinutes(1);
    private readonly AssumeRoleOptions options;
    private readonly Lazy<IAmazonSecurityTokenService> sts;
    private readonly string sessionName;
    private readonly string sourceDescription;
    private AssumeRoleGate gate;
    private int fetched;
    private long synchronousFetches;
    private CredentialsRefreshState? last;
    private AwsSession? owner;
    private volatile bool disposed;

    /// <param name="options">The role and the STS parameters.</param>
    /// <param name="stsClient">
    /// Gives the STS client to call, owned by the source session and shared by every role assumed from it (an SDK client
    /// per tenant would double what a pooled tenant costs in memory); asked once, on the first fetch.
    /// </param>
    /// <param name="sourceDescription">The source session's redacted description, for error messages.</param>
    public AssumedRoleCredentials(AssumeRoleOptions options, Func<IAmazonSecurityTokenService> stsClient, string sourceDescription)
    {
        this.options = options;
        sts = new Lazy<IAmazonSecurityTokenService>(stsClient, LazyThreadSafetyMode.ExecutionAndPublication);
        sessionName = options.SessionName ?? "session-effects-" + Guid.NewGuid().ToString("N")[..12];
        this.sourceDescription = sourceDescription;
        PreemptExpiryTime = options.RefreshBeforeExpiry ?? DefaultRefreshBeforeExpiry;
        gate = options.Attempts is null && options.RetryBaseDelay is null && options.RetryMaxDelay is null
            ? AssumeRoleGate.Unpooled
            : new AssumeRoleGate(
                int.MaxValue,
                options.Attempts ?? AssumeRoleGate.DefaultAttempts,
                options.RetryBaseDelay ?? AssumeRoleGate.DefaultBaseDelay,
                options.RetryMaxDelay ?? AssumeRoleGate.DefaultMaxDelay,
                TimeProvider.System);
    }

    /// <summary>
    /// The session these credentials belong to: a fetch leases it (so its pool cannot dispose it under the fetch), and a
    /// refresh of a session its pool has let go of is not sent at all. Set once, by the session that assumes the role.
    /// </summary>
    public AwsSession? Owner
    {
        get => Volatile.Read(ref owner);
        set => Volatile.Write(ref owner, value);
    }

    /// <summary>How many fetches ran on the SDK's synchronous path, each blocking a thread for an STS call (tests read it; 0 is the aim).</summary>
    public long SynchronousFetches => Interlocked.Read(ref synchronousFetches);

    /// <summary>The role session name the caller chose, or null when it was generated.</summary>
    public string? ChosenSessionName => options.SessionName;

    /// <summary>The role and the STS parameters it is assumed with (what the role session reaches depends on them).</summary>
    public AssumeRoleOptions Options => options;

    /// <summary>
    /// The gate every fetch goes through (concurrency limit, retries, counts); a pool that adopts the session sets its own.
    /// </summary>
    public AssumeRoleGate Gate
    {
        get => Volatile.Read(ref gate);
        set => Volatile.Write(ref gate, value);
    }

    /// <summary>Checks the options the way STS would, so bad input fails before any request.</summary>
    public static void Validate(AssumeRoleOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.RoleArn))
        {
            throw new SessionConfigurationException("AssumeRole needs a role ARN; it was empty.");
        }

        if (!options.RoleArn.StartsWith("arn:", StringComparison.Ordinal) || options.RoleArn.Split(':').Length < 6)
        {
            throw new SessionConfigurationException($"AssumeRole: '{options.RoleArn}' is not a role ARN (arn:aws:iam::123456789012:role/Name).");
        }

        if (options.Duration is { } d && (d < TimeSpan.FromMinutes(15) || d > TimeSpan.FromHours(12)))
        {
            throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: duration {d} is outside STS's range of 15 minutes to 12 hours.");
        }

        if (options.Attempts is < 1)
        {
            throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: Attempts must be at least 1; it was {options.Attempts}.");
        }

        if (options.RetryBaseDelay is { } baseDelay && baseDelay < TimeSpan.Zero)
        {
            throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: RetryBaseDelay must not be negative; it was {baseDelay}.");
        }

        if (options.RetryMaxDelay is { } maxDelay && maxDelay < (options.RetryBaseDelay ?? AssumeRoleGate.DefaultBaseDelay))
        {
            throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: RetryMaxDelay ({maxDelay}) must not be shorter than the base delay.");
        }

        if (options.RefreshBeforeExpiry is { } margin && margin < TimeSpan.Zero)
        {
            throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: RefreshBeforeExpiry must not be negative; it was {margin}.");
        }

        if ((options.MfaSerial is null) != (options.MfaTokenProvider is null))
        {
            throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: MFA needs both MfaSerial and MfaTokenProvider.");
        }

        if (options.SessionName is { } name && (name.Length < 2 || name.Length > 64))
        {
            throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: session name '{name}' must be 2 to 64 characters.");
        }

        SessionPolicyRules.Check(options);

        if (options.TransitiveTagKeys?.FirstOrDefault(k => options.Tags?.ContainsKey(k) != true) is { } missing)
        {
            throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: transitive tag key '{missing}' is not among the tags.");
        }
    }

    /// <summary>
    /// The SDK's synchronous path, reached only when code outside SessionEffects asks the credentials for their value
    /// synchronously while they need fetching (every client of ours fetches on the async path first: <see cref="CredentialsFirst"/>).
    /// It has to block: counted and logged so that it shows.
    /// </summary>
    protected override CredentialsRefreshState GenerateNewCredentials()
    {
        Interlocked.Increment(ref synchronousFetches);
        Log.SynchronousCredentialFetch(Log.Sessions, options.RoleArn, sessionName);
        return GenerateNewCredentialsAsync().GetAwaiter().GetResult();
    }

    /// <summary>
    /// One fetch, for the first request, an expired set, or a background refresh within the margin. A background refresh
    /// (the current credentials still valid) never fails: the SDK would rethrow into a task nobody observes, so a failure
    /// is logged and the current credentials stay until the next request in the margin tries again. A session whose pool
    /// has let go of it is not refreshed at all while its credentials last (the AssumeRole call would be spent for nothing).
    /// </summary>
    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var current = Volatile.Read(ref last);
        var stillValid = current is not null && DateTime.UtcNow < current.Expiration - ExpirationBuffer;
        var session = Owner;
        if (stillValid && (disposed || session is { IsRetired: true } || session is { IsDisposed: true }))
        {
            return Copy(current!);
        }

        if (session is not null && !session.TryLeaseForRefresh())
        {
            ObjectDisposedException.ThrowIf(true, session);
        }

        try
        {
            return await FetchAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed background refresh must not surface in an unobserved task; the next request retries.
        catch (Exception ex) when (stillValid)
#pragma warning restore CA1031
        {
            Log.BackgroundRefreshFailed(Log.Sessions, ex, options.RoleArn, sessionName, SessionEffects.Failures.Code(ex));
            return Copy(current!);
        }
        finally
        {
            session?.Release();
        }
    }

    /// <summary>
    /// Marks the credentials disposed without disposing the SDK's refresh semaphore: a background refresh still running
    /// when the session goes would otherwise meet a disposed semaphore after its fetch and throw
    /// <see cref="ObjectDisposedException"/> into a task nobody observes. The semaphore holds no wait handle (nothing
    /// asks for one), so it has nothing to release; the collector takes it with the credentials.
    /// </summary>
#pragma warning disable CA2215 // Not calling base.Dispose is the point: see the summary.
    protected override void Dispose(bool disposing) => disposed = true;
#pragma warning restore CA2215

    private static CredentialsRefreshState Copy(CredentialsRefreshState state) => new(state.Credentials, state.Expiration);

    private async Task<CredentialsRefreshState> FetchAsync()
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = options.RoleArn,
            RoleSessionName = sessionName,
            DurationSeconds = options.Duration is { } d ? (int)d.TotalSeconds : null,
            ExternalId = options.ExternalId,
            SourceIdentity = options.SourceIdentity,
            SerialNumber = options.MfaSerial,
            TokenCode = options.MfaTokenProvider is { } mfa ? await mfa(CancellationToken.None).ConfigureAwait(false) : null,
            Tags = options.Tags?.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            TransitiveTagKeys = options.TransitiveTagKeys?.ToList(),
            Policy = options.Policy,
            PolicyArns = options.PolicyArns?.Select(arn => new PolicyDescriptorType { Arn = arn }).ToList(),
        };

        AssumeRoleResponse response;
        try
        {
            response = await Gate.RunAsync(() => sts.Value.AssumeRoleAsync(request), options.RoleArn).ConfigureAwait(false);
        }
        catch (AmazonSecurityTokenServiceException ex)
        {
            // Same exception type, with the role and the (redacted) source in the message: callers see what was refused.
            throw new AmazonSecurityTokenServiceException(
                string.Create(CultureInfo.InvariantCulture, $"AssumeRole {options.RoleArn} (session name {sessionName}) via {sourceDescription} failed: {ex.ErrorCode}: {ex.Message}"),
                ex, ex.ErrorType, ex.ErrorCode, ex.RequestId, ex.StatusCode);
        }

        var c = response.Credentials;
        var expiration = c.Expiration ?? DateTime.UtcNow.AddHours(1);

        // The SDK treats credentials as expired ExpirationBuffer before they are (1 minute: a guard against clock skew and
        // time in flight), which would leave credentials that live only seconds expired on arrival. A tenth of their life
        // at most; STS's shortest (15 minutes) keep the full minute.
        var lifetime = expiration.ToUniversalTime() - DateTime.UtcNow;
        ExpirationBuffer = lifetime <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MaxExpirationBuffer.Ticks, lifetime.Ticks / 10));

        // The default refresh margin likewise: at most a third of the lifetime, so 4-second credentials are refreshed once
        // per cycle, not on nearly every request (5 minutes of margin would keep them always "about to expire"). A margin
        // the caller chose is kept as chosen.
        PreemptExpiryTime = options.RefreshBeforeExpiry
            ?? (lifetime <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(DefaultRefreshBeforeExpiry.Ticks, lifetime.Ticks / 3)));
        if (Interlocked.Exchange(ref fetched, 1) == 0)
        {
            Log.RoleAssumed(Log.Sessions, options.RoleArn, sessionName, sourceDescription, expiration.ToUniversalTime());
        }
        else
        {
            Log.CredentialsRefreshed(Log.Sessions, options.RoleArn, sessionName, expiration.ToUniversalTime());
        }
        var state = new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expiration.ToUniversalTime());
        Volatile.Write(ref last, Copy(state));
        return state;
    }
}

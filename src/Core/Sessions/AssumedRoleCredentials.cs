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
    private AssumeRoleGate gate = AssumeRoleGate.Unpooled;
    private int fetched;

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
    }

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

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
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
        if (Interlocked.Exchange(ref fetched, 1) == 0)
        {
            Log.RoleAssumed(Log.Sessions, options.RoleArn, sessionName, sourceDescription, expiration.ToUniversalTime());
        }
        else
        {
            Log.CredentialsRefreshed(Log.Sessions, options.RoleArn, sessionName, expiration.ToUniversalTime());
        }
        return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expiration.ToUniversalTime());
    }
}

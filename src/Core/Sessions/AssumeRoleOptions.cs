using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// How to assume a role on top of another session (<see cref="AwsSession.AssumeRole"/>). Every field maps to the
/// STS <c>AssumeRole</c> parameter of the same name.
/// </summary>
/// <param name="RoleArn">The ARN of the role to assume. Required.</param>
public sealed record AssumeRoleOptions(string RoleArn)
{
    /// <summary>The role session name; generated (<c>session-effects-…</c>) when absent.</summary>
    public string? SessionName { get; init; }

    /// <summary>How long each set of credentials lasts (STS allows 15 minutes to 12 hours); STS's default when absent.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The external id the role's trust policy asks for.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The serial number or ARN of the MFA device, when the role requires MFA.</summary>
    public string? MfaSerial { get; init; }

    /// <summary>Supplies the current MFA code; called on every credential refresh. Required with <see cref="MfaSerial"/>.</summary>
    public Func<CancellationToken, Task<string>>? MfaTokenProvider { get; init; }

    /// <summary>The source identity to set on the role session.</summary>
    public string? SourceIdentity { get; init; }

    /// <summary>Session tags.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Keys of <see cref="Tags"/> that pass on to later role chaining.</summary>
    public IReadOnlyList<string>? TransitiveTagKeys { get; init; }

    /// <summary>
    /// An inline session policy (a JSON policy document): the session may do only what both the role's policies and
    /// this policy allow. <see cref="TenantPolicy"/> writes the tenant-isolation one. Checked locally before any
    /// request: valid JSON, a JSON object, at most 2,048 characters (STS's plain-text limit) of tab, line feed, carriage
    /// return and U+0020–U+00FF. STS's separate packed-size limit (policies and tags compressed together) can only be
    /// checked by STS, which answers <c>PackedPolicyTooLarge</c>.
    /// </summary>
    public string? Policy { get; init; }

    /// <summary>
    /// ARNs of managed policies used as session policies (at most 10, STS's limit), for example
    /// <c>arn:aws:iam::123456789012:policy/TenantReadOnly</c>; checked locally to look like policy ARNs.
    /// </summary>
    public IReadOnlyList<string>? PolicyArns { get; init; }

    /// <summary>The region whose STS endpoint is called; the source session's region when absent.</summary>
    public string? StsRegion { get; init; }

    /// <summary>
    /// How long before expiry the credentials are refreshed in the background, while requests go on with the current
    /// ones (the SDK's <c>PreemptExpiryTime</c>). When absent, 5 minutes or a third of the lifetime of the credentials STS
    /// handed out, whichever is shorter (else short-lived credentials would start a refresh with nearly every request);
    /// a value given here is used as given.
    /// The SDK counts it from its own expiry, which is the real one less a safety buffer (1 minute, or a tenth of the
    /// lifetime for credentials that live less than 10 minutes); only credentials past that expiry make a request wait
    /// for new ones.
    /// </summary>
    public TimeSpan? RefreshBeforeExpiry { get; init; }

    /// <summary>
    /// How many times one credential fetch is attempted when STS throttles, fails on its side or the network fails;
    /// 6 when absent (as a pool's <see cref="SessionPoolOptions.AssumeRoleAttempts"/>). A pool that owns the session uses
    /// its own settings instead.
    /// </summary>
    public int? Attempts { get; init; }

    /// <summary>The first retry's backoff (doubled for each further retry, with jitter); 100 ms when absent.</summary>
    public TimeSpan? RetryBaseDelay { get; init; }

    /// <summary>The longest backoff between two attempts; 5 s when absent.</summary>
    public TimeSpan? RetryMaxDelay { get; init; }

    /// <summary>
    /// How the role's session names tables (<see cref="AwsSession.TableNames"/>); none when absent (a role does not take
    /// its source session's naming). The way to give each tenant of a <see cref="SessionPool{TKey}"/> its own prefix
    /// without an extra session per tenant.
    /// </summary>
    public TableNames? TableNames { get; init; }
}

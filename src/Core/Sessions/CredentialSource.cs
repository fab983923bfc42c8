using System;
using System.Threading;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace SessionEffects;

/// <summary>
/// Where a session's credentials come from, and the credentials themselves (resolved at most once). Sessions derived
/// with <c>With…</c> share one source; only the session that created a source releases it.
/// </summary>
internal sealed class CredentialSource
{
    private readonly Lazy<AWSCredentials> value;
    private readonly bool owner;

    private CredentialSource(SessionKind kind, Lazy<AWSCredentials> value, bool owner, string? profileName = null, string? accessKeyId = null, string? roleArn = null, AwsSession? source = null, bool hasToken = false)
    {
        Kind = kind;
        this.value = value;
        this.owner = owner;
        ProfileName = profileName;
        AccessKeyId = accessKeyId;
        RoleArn = roleArn;
        Source = source;
        HasToken = hasToken;
    }

    public SessionKind Kind { get; }

    public string? ProfileName { get; }

    /// <summary>The full access key id; only ever shown through <see cref="Redaction.MaskAccessKeyId"/>.</summary>
    public string? AccessKeyId { get; }

    public string? RoleArn { get; }

    public AwsSession? Source { get; }

    public bool HasToken { get; }

    /// <summary>An assumed role's session name, when the caller chose one (generated names are not labels).</summary>
    public string? RoleSessionName { get; private init; }

    /// <summary>The type name of credentials the caller brought.</summary>
    public string? CustomType { get; private init; }

    /// <summary>The label of a session nobody labelled: short, stable, never a secret.</summary>
    public string DefaultLabel => Kind switch
    {
        SessionKind.Profile => ProfileName!,
        SessionKind.Keys => Redaction.MaskAccessKeyId(AccessKeyId),
        SessionKind.AssumedRole => RoleSessionName ?? RoleArn!,
        SessionKind.Custom => "custom",
        _ => "default-chain",
    };

    public AWSCredentials Value => value.Value;

    /// <summary>
    /// Whether the credentials have been fetched and are not expired as the SDK sees it (its <c>Expiration</c> is the
    /// real one less its expiration buffer); within the refresh margin before that, the SDK refreshes in the background.
    /// </summary>
    public bool Ready => value.IsValueCreated && (value.Value is not RefreshingAWSCredentials refreshing
        || (refreshing.Expiration is { } expiration && DateTime.UtcNow < expiration));

    /// <summary>
    /// Whether the next request would make the SDK fetch or refresh the credentials: never fetched, expired, or within
    /// the refresh margin. The SDK's endpoint resolver asks for credentials synchronously, and a synchronous fetch blocks
    /// a thread-pool thread for a whole STS call; every session client fetches them on the async path first
    /// (<see cref="CredentialsFirst"/>), and an operation touches them asynchronously right after taking its lease when
    /// this is true, so the fetch runs while the session is held.
    /// </summary>
    public bool NeedsAsyncTouch => !value.IsValueCreated
        || (value.Value is RefreshingAWSCredentials refreshing
            && (refreshing.Expiration is not { } expiration || DateTime.UtcNow >= expiration - refreshing.PreemptExpiryTime));

    /// <summary>The assumed-role refresher, for assumed-role sessions (and the sessions derived from them).</summary>
    public AssumedRoleCredentials? Refresher => value.IsValueCreated ? value.Value as AssumedRoleCredentials : null;

    public DateTime? Expiration => value.IsValueCreated && value.Value is RefreshingAWSCredentials refreshing ? refreshing.Expiration : null;

    public static CredentialSource DefaultChain() =>
        new(SessionKind.DefaultChain, new Lazy<AWSCredentials>(() => DefaultAWSCredentialsIdentityResolver.GetCredentials(), LazyThreadSafetyMode.ExecutionAndPublication), owner: false);

    public static CredentialSource Profile(string name, AWSCredentials credentials, string? accessKeyId) =>
        new(SessionKind.Profile, new Lazy<AWSCredentials>(credentials), owner: false, profileName: name, accessKeyId: accessKeyId);

    public static CredentialSource Keys(string accessKeyId, AWSCredentials credentials, bool hasToken) =>
        new(SessionKind.Keys, new Lazy<AWSCredentials>(credentials), owner: false, accessKeyId: accessKeyId, hasToken: hasToken);

    public static CredentialSource AssumedRole(AwsSession source, string roleArn, AssumedRoleCredentials credentials) =>
        new(SessionKind.AssumedRole, new Lazy<AWSCredentials>(credentials), owner: true, roleArn: roleArn, source: source) { RoleSessionName = credentials.ChosenSessionName };

    /// <summary>Credentials the caller brought; the caller owns them, so they are never released here.</summary>
    public static CredentialSource Custom(AWSCredentials credentials) =>
        new(SessionKind.Custom, new Lazy<AWSCredentials>(credentials), owner: false) { CustomType = credentials.GetType().Name };

    /// <summary>The same source for a derived session, which does not own it.</summary>
    public CredentialSource Share() =>
        new(Kind, value, owner: false, ProfileName, AccessKeyId, RoleArn, Source, HasToken) { RoleSessionName = RoleSessionName, CustomType = CustomType };

    /// <summary>Releases what this source owns: the assumed-role refresher (its STS client belongs to the source session).</summary>
    public void Release()
    {
        if (owner && value.IsValueCreated && value.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    /// <summary>The opening of the session's description, without secrets.</summary>
    public string Describe() => Kind switch
    {
        SessionKind.Profile => $"Profile(name={ProfileName}" + (AccessKeyId is null ? string.Empty : $", key={Redaction.MaskAccessKeyId(AccessKeyId)}"),
        SessionKind.Keys => $"Keys(key={Redaction.MaskAccessKeyId(AccessKeyId)}" + (HasToken ? ", with session token" : string.Empty),
        SessionKind.AssumedRole => $"AssumedRole(role={RoleArn}, via {Source}",
        SessionKind.Custom => $"Custom(credentials={CustomType}",
        _ => "DefaultChain(credentials=<sdk default chain>",
    };
}

using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Amazon.Runtime;

namespace SessionEffects;

/// <content>
/// What a session reaches — its credentials identity, region and endpoint — as a fingerprint that never holds a
/// secret: two sessions built separately from the same keys, profile or role reach the same thing, whatever the
/// objects. Transactions and page tokens compare sessions by it.
/// </content>
public sealed partial class AwsSession
{
    private static readonly byte[] IdentityDomain = Encoding.UTF8.GetBytes("SessionEffects.SessionIdentity.v1\n");
    private static readonly ConditionalWeakTable<AWSCredentials, string> CustomIds = [];
    private byte[]? fingerprint;

    /// <summary>
    /// Whether this session and <paramref name="other"/> reach the same thing: the same credentials identity (the same
    /// access key id and secret, the same profile, the same role assumed the same way from a session that reaches the
    /// same thing, the default chain, or the same custom credentials object), the same region and the same endpoint.
    /// Labels, client settings and table namings do not count (a page token is bound to the physical table besides).
    /// Secrets are compared through their SHA-256 only, never shown.
    /// </summary>
    /// <param name="other">The other session; null reaches nothing.</param>
    public bool ReachesSameAs(AwsSession? other) =>
        other is not null && (ReferenceEquals(this, other) || CryptographicOperations.FixedTimeEquals(Fingerprint, other.Fingerprint));

    /// <summary>
    /// A short, URL-safe tag of what the session reaches (12 characters: 72 bits of the fingerprint) for binding page
    /// tokens to it. It reveals nothing about the keys: it is a truncated hash over the identity and a hash of the secret.
    /// </summary>
    internal string ReachTag => Base64Url.EncodeToString(Fingerprint.AsSpan(0, 9));

    /// <summary>SHA-256 over the canonical form of what the session reaches, computed once.</summary>
    private byte[] Fingerprint
    {
        get
        {
            if (Volatile.Read(ref fingerprint) is { } known)
            {
                return known;
            }

            var text = new StringBuilder();
            Describe(text, this);
            var input = IdentityDomain.Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
            var computed = SHA256.HashData(input);
            Interlocked.CompareExchange(ref fingerprint, computed, null);
            return fingerprint!;
        }
    }

    /// <summary>The canonical form of what <paramref name="session"/> reaches (hashed at once, never shown: it holds a hash of the secret).</summary>
    private static void Describe(StringBuilder text, AwsSession session)
    {
        var source = session.credentials;
        text.Append(source.Kind).Append('\n');
        switch (source.Kind)
        {
            case SessionKind.Keys:
                text.Append(source.AccessKeyId).Append('\n').Append(SecretHash(source.Value));
                break;
            case SessionKind.Profile:
                text.Append(source.ProfileName).Append('\n').Append(source.AccessKeyId).Append('\n').Append(SecretHash(source.Value));
                break;
            case SessionKind.AssumedRole when source.Value is AssumedRoleCredentials role:
                var o = role.Options;
                text.Append(o.RoleArn).Append('\n').Append(o.SessionName).Append('\n').Append(o.ExternalId).Append('\n').Append(o.SourceIdentity).Append('\n')
                    .Append(o.Policy).Append('\n').Append(string.Join(",", o.PolicyArns ?? []))
                    .Append('\n').Append(string.Join(",", (o.Tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)))
                    .Append('\n').Append(string.Join(",", o.TransitiveTagKeys ?? [])).Append("\nvia ");
                text.Append(Convert.ToHexString(source.Source!.Fingerprint));
                break;
            case SessionKind.Custom:
                text.Append(CustomIds.GetValue(source.Value, _ => Guid.NewGuid().ToString("N")));
                break;
            default:
                break;
        }

        text.Append("\nregion ").Append(session.Region).Append("\nendpoint ").Append(session.Endpoint?.AbsoluteUri);
    }

    /// <summary>The SHA-256 of fixed keys' secret (and token), or nothing for credentials that change or are fetched.</summary>
    private static string SecretHash(AWSCredentials credentials)
    {
        if (credentials is not (BasicAWSCredentials or SessionAWSCredentials))
        {
            return string.Empty;
        }

        var fixedKeys = credentials.GetCredentials();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fixedKeys.SecretKey + "\n" + fixedKeys.Token)));
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SessionEffects.TestSupport;

/// <summary>
/// The state layer of <see cref="LocalStsEndpoint"/>: the roles and identities a test registered, the credentials
/// handed out (access keys and session tokens with their expirations), and STS's answers to <c>AssumeRole</c> and
/// <c>GetCallerIdentity</c> — including its parameter validation, with STS's wording. Thread-safe.
/// </summary>
internal sealed class StsState
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string RoleIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // Real STS session names and external ids are restricted to these characters; enforcing them here catches a
    // client that would be rejected by AWS rather than letting it pass locally.
    private static readonly Regex SessionNamePattern = new(@"^[\w+=,.@-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex ExternalIdPattern = new(@"^[\w+=,.@:/-]*$", RegexOptions.CultureInvariant);

    private readonly object gate = new();
    private readonly Dictionary<string, RoleEntry> roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> roleByAccessKeyId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string RoleArn, string SessionName)> sessionByAccessKeyId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StsIdentity> identities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> tokenExpirations = new(StringComparer.Ordinal);

    public void AddRole(string roleArn, string accessKeyId, string secretAccessKey, TimeSpan lifetime, string accountId, bool keyPerSession)
    {
        lock (gate)
        {
            if (roles.TryGetValue(roleArn, out var existing))
            {
                roleByAccessKeyId.Remove(existing.AccessKeyId);
            }

            // The role id is a property of the role in AWS, so it stays stable when a test re-registers the role.
            roles[roleArn] = new RoleEntry(
                accessKeyId,
                secretAccessKey,
                lifetime,
                accountId,
                Denied: false,
                KeyPerSession: keyPerSession,
                RoleId: existing is { RoleId.Length: > 0 } ? existing.RoleId : "AROA" + RandomNumberGenerator.GetString(RoleIdAlphabet, 17),
                LastSessionName: existing?.LastSessionName);
            if (!keyPerSession)
            {
                roleByAccessKeyId[accessKeyId] = roleArn;
            }
        }
    }

    public void DenyRole(string roleArn)
    {
        lock (gate)
        {
            roles[roleArn] = roles.TryGetValue(roleArn, out var existing)
                ? existing with { Denied = true }
                : new RoleEntry(string.Empty, string.Empty, TimeSpan.Zero, string.Empty, Denied: true, KeyPerSession: false, RoleId: string.Empty, LastSessionName: null);
        }
    }

    public void AddIdentity(string accessKeyId, StsIdentity identity)
    {
        lock (gate)
        {
            identities[accessKeyId] = identity;
        }
    }

    /// <summary>The access key id a key-per-session role hands to <paramref name="sessionName"/>: the prefix and a digest, letters and digits only.</summary>
    public static string SessionAccessKeyId(string prefix, string roleArn, string sessionName) =>
        prefix + "x" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(roleArn + "/" + sessionName)))[..20];

    public DateTime? TokenExpiration(string sessionToken) =>
        tokenExpirations.TryGetValue(sessionToken, out var expiration) ? expiration : null;

    public void ForgetTokens() => tokenExpirations.Clear();

    public (StsFault? Fault, StsGrant? Grant) AssumeRole(StsRequest request)
    {
        var parameters = request.Parameters;
        var roleArn = parameters.GetValueOrDefault("RoleArn");
        var sessionName = parameters.GetValueOrDefault("RoleSessionName");
        if (string.IsNullOrEmpty(roleArn))
        {
            return (Sender(HttpStatusCode.BadRequest, "MissingParameter", "The request must contain the parameter RoleArn."), null);
        }

        if (string.IsNullOrEmpty(sessionName))
        {
            return (Sender(HttpStatusCode.BadRequest, "MissingParameter", "The request must contain the parameter RoleSessionName."), null);
        }

        if (Validate(parameters, roleArn, sessionName) is { } invalid)
        {
            return (Sender(HttpStatusCode.BadRequest, "ValidationError", invalid), null);
        }

        RoleEntry role;
        string accessKeyId;
        lock (gate)
        {
            var callerArn = IdentityLocked(request.CallerAccessKeyId!)?.Arn ?? $"arn:{Partition(roleArn)}:iam::{AccountOf(roleArn)}:user/unknown-caller";
            if (!roles.TryGetValue(roleArn, out var found) || found.Denied)
            {
                return (Sender(HttpStatusCode.Forbidden, "AccessDenied", $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}"), null);
            }

            // The latest session name is what GetCallerIdentity reports for the role's (shared) credentials.
            role = found with { LastSessionName = sessionName };
            roles[roleArn] = role;
            accessKeyId = role.KeyPerSession ? SessionAccessKeyId(role.AccessKeyId, roleArn, sessionName) : role.AccessKeyId;
            if (role.KeyPerSession)
            {
                sessionByAccessKeyId[accessKeyId] = (roleArn, sessionName);
            }
        }

        var expiration = DateTime.UtcNow + role.Lifetime;
        var token = RandomNumberGenerator.GetString(TokenAlphabet, 128);
        tokenExpirations[token] = expiration;

        var tagCount = request.Tags.Count;
        var hasPolicy = request.Policy is not null || request.PolicyArns.Count > 0;
        return (null, new StsGrant(
            accessKeyId,
            role.SecretAccessKey,
            token,
            expiration,
            $"{role.RoleId}:{sessionName}",
            AssumedRoleArn(roleArn, role.AccountId, sessionName),
            parameters.GetValueOrDefault("SourceIdentity"),
            tagCount > 0 || hasPolicy ? Math.Min(100, 3 + (3 * tagCount) + ((request.Policy?.Length ?? 0) / 40)) : null));
    }

    public (StsFault? Fault, StsIdentity? Identity) GetCallerIdentity(string callerAccessKeyId)
    {
        lock (gate)
        {
            return IdentityLocked(callerAccessKeyId) is { } identity
                ? (null, identity)
                : (Sender(HttpStatusCode.Forbidden, "InvalidClientTokenId", "The security token included in the request is invalid."), null);
        }
    }

    private StsIdentity? IdentityLocked(string accessKeyId)
    {
        if (identities.TryGetValue(accessKeyId, out var identity))
        {
            return identity;
        }

        if (sessionByAccessKeyId.TryGetValue(accessKeyId, out var session) && roles.TryGetValue(session.RoleArn, out var perSession))
        {
            return new StsIdentity(perSession.AccountId, AssumedRoleArn(session.RoleArn, perSession.AccountId, session.SessionName), $"{perSession.RoleId}:{session.SessionName}");
        }

        // Role credentials only exist once AssumeRole has handed them out; before that AWS would not know the key.
        if (roleByAccessKeyId.TryGetValue(accessKeyId, out var roleArn)
            && roles.TryGetValue(roleArn, out var role)
            && role.LastSessionName is { } sessionName)
        {
            return new StsIdentity(role.AccountId, AssumedRoleArn(roleArn, role.AccountId, sessionName), $"{role.RoleId}:{sessionName}");
        }

        return null;
    }

    private static string? Validate(IReadOnlyDictionary<string, string> parameters, string roleArn, string sessionName)
    {
        // Messages follow STS's "1 validation error detected" wording; ExternalId and TokenCode values are never echoed.
        if (roleArn.Length is < 20 or > 2048)
        {
            return "1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048";
        }

        if (sessionName.Length is < 2 or > 64 || !SessionNamePattern.IsMatch(sessionName))
        {
            return $"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*";
        }

        if (parameters.TryGetValue("DurationSeconds", out var durationText)
            && (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var duration) || duration is < 900 or > 43200))
        {
            return $"1 validation error detected: Value '{durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200";
        }

        if (parameters.TryGetValue("ExternalId", out var externalId)
            && (externalId.Length is < 2 or > 1224 || !ExternalIdPattern.IsMatch(externalId)))
        {
            return "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must have length between 2 and 1224 and satisfy regular expression pattern: [\\w+=,.@:\\/-]*";
        }

        if (parameters.TryGetValue("Policy", out var policy) && policy.Length is < 1 or > 2048)
        {
            return "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048";
        }

        if (parameters.Keys.Count(k => k.StartsWith("PolicyArns.member.", StringComparison.Ordinal)) > 10)
        {
            return "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10";
        }

        if (parameters.ContainsKey("SerialNumber") != parameters.ContainsKey("TokenCode"))
        {
            return "SerialNumber and TokenCode must be provided together.";
        }

        return null;
    }

    private static StsFault Sender(HttpStatusCode status, string code, string message) => new(status, "Sender", code, message);

    private static string AssumedRoleArn(string roleArn, string accountId, string sessionName)
    {
        // The assumed-role ARN drops the role's path: only the last segment of "role/path/Name" is kept.
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        return $"arn:{Partition(roleArn)}:sts::{accountId}:assumed-role/{roleName}/{sessionName}";
    }

    private static string Partition(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 1 && parts[0] == "arn" && parts[1].Length > 0 ? parts[1] : "aws";
    }

    private static string AccountOf(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 4 && parts[4].Length > 0 ? parts[4] : "123456789012";
    }

    private sealed record RoleEntry(
        string AccessKeyId,
        string SecretAccessKey,
        TimeSpan Lifetime,
        string AccountId,
        bool Denied,
        bool KeyPerSession,
        string RoleId,
        string? LastSessionName);
}

using System;
using System.Net;

namespace SessionEffects.TestSupport;

/// <summary>An STS error answer: the HTTP status and the <c>ErrorResponse</c> fields real STS sends.</summary>
internal sealed record StsFault(HttpStatusCode Status, string Type, string Code, string Message);

/// <summary>What a successful <c>AssumeRole</c> hands out.</summary>
internal sealed record StsGrant(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTime Expiration,
    string AssumedRoleId,
    string AssumedRoleArn,
    string? SourceIdentity,
    int? PackedPolicySize);

/// <summary>What <c>GetCallerIdentity</c> reports.</summary>
internal sealed record StsIdentity(string AccountId, string Arn, string UserId);

using System.Collections.Generic;

namespace SessionEffects.TestSupport;

/// <summary>One request received by <see cref="LocalStsEndpoint"/>, recorded as the client sent it.</summary>
/// <param name="Action">The Query-protocol <c>Action</c> (for example <c>AssumeRole</c>); empty when none was sent.</param>
/// <param name="CallerAccessKeyId">
/// The access key id from the SigV4 credential scope of the <c>Authorization</c> header, or <see langword="null"/>
/// when the request was unsigned or the header could not be read.
/// </param>
/// <param name="SigningRegion">The region from the SigV4 credential scope, or <see langword="null"/> when absent.</param>
/// <param name="Parameters">
/// Every form (and query-string) field exactly as sent, decoded, keyed by its wire name — for example
/// <c>RoleArn</c>, <c>Tags.member.1.Key</c> or <c>TransitiveTagKeys.member.1</c>. Includes <c>Action</c> and <c>Version</c>.
/// </param>
public sealed record StsRequest(
    string Action,
    string? CallerAccessKeyId,
    string? SigningRegion,
    IReadOnlyDictionary<string, string> Parameters);

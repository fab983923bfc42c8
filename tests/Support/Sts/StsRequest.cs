using System;
using System.Collections.Generic;
using System.Globalization;

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
    IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>When the request arrived (UTC).</summary>
    public DateTime ReceivedAt { get; init; }

    /// <summary>The inline session policy (<c>Policy</c>), exactly as sent, or <see langword="null"/>.</summary>
    public string? Policy => Parameters.GetValueOrDefault("Policy");

    /// <summary>The managed session policy ARNs (<c>PolicyArns.member.N.arn</c>), in order.</summary>
    public IReadOnlyList<string> PolicyArns => Members("PolicyArns.member.{0}.arn");

    /// <summary>The transitive tag keys (<c>TransitiveTagKeys.member.N</c>), in order.</summary>
    public IReadOnlyList<string> TransitiveTagKeys => Members("TransitiveTagKeys.member.{0}");

    /// <summary>The session tags (<c>Tags.member.N.Key</c> / <c>.Value</c>).</summary>
    public IReadOnlyDictionary<string, string> Tags
    {
        get
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; Parameters.TryGetValue(Name("Tags.member.{0}.Key", i), out var key); i++)
            {
                tags[key] = Parameters.GetValueOrDefault(Name("Tags.member.{0}.Value", i)) ?? string.Empty;
            }

            return tags;
        }
    }

    private List<string> Members(string format)
    {
        var values = new List<string>();
        for (var i = 1; Parameters.TryGetValue(Name(format, i), out var value); i++)
        {
            values.Add(value);
        }

        return values;
    }

    private static string Name(string format, int index) => string.Format(CultureInfo.InvariantCulture, format, index);
}

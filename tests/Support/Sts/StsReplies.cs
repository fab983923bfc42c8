using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace SessionEffects.TestSupport;

/// <summary>An HTTP status and the XML document to send.</summary>
internal sealed record StsReply(HttpStatusCode Status, XElement Body);

/// <summary>
/// The XML layer of <see cref="LocalStsEndpoint"/>: the response and error documents real STS returns (API version
/// <c>2011-06-15</c>), so the real SDK client parses them as it would STS's.
/// </summary>
internal static class StsReplies
{
    /// <summary>The STS API version the Query protocol requests carry and the XML namespace is derived from.</summary>
    public const string ApiVersion = "2011-06-15";

    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static StsReply Error(StsFault fault, string requestId) =>
        new(
            fault.Status,
            new XElement(
                Ns + "ErrorResponse",
                new XElement(
                    Ns + "Error",
                    new XElement(Ns + "Type", fault.Type),
                    new XElement(Ns + "Code", fault.Code),
                    new XElement(Ns + "Message", fault.Message)),
                new XElement(Ns + "RequestId", requestId)));

    public static StsReply AssumeRole(StsGrant grant, string requestId)
    {
        var result = new XElement(Ns + "AssumeRoleResult");
        if (grant.SourceIdentity is { } sourceIdentity)
        {
            result.Add(new XElement(Ns + "SourceIdentity", sourceIdentity));
        }

        result.Add(
            new XElement(
                Ns + "AssumedRoleUser",
                new XElement(Ns + "AssumedRoleId", grant.AssumedRoleId),
                new XElement(Ns + "Arn", grant.AssumedRoleArn)),
            new XElement(
                Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", grant.AccessKeyId),
                new XElement(Ns + "SecretAccessKey", grant.SecretAccessKey),
                new XElement(Ns + "SessionToken", grant.SessionToken),
                new XElement(Ns + "Expiration", grant.Expiration.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))));

        // STS reports PackedPolicySize (a percentage of the allowed size) only when session tags or policies were passed.
        if (grant.PackedPolicySize is { } packed)
        {
            result.Add(new XElement(Ns + "PackedPolicySize", packed.ToString(CultureInfo.InvariantCulture)));
        }

        return new StsReply(HttpStatusCode.OK, new XElement(Ns + "AssumeRoleResponse", result, Metadata(requestId)));
    }

    public static StsReply CallerIdentity(StsIdentity identity, string requestId) =>
        new(
            HttpStatusCode.OK,
            new XElement(
                Ns + "GetCallerIdentityResponse",
                new XElement(
                    Ns + "GetCallerIdentityResult",
                    new XElement(Ns + "Arn", identity.Arn),
                    new XElement(Ns + "UserId", identity.UserId),
                    new XElement(Ns + "Account", identity.AccountId)),
                Metadata(requestId)));

    private static XElement Metadata(string requestId) =>
        new(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId));
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace SessionEffects.TestSupport;

/// <summary>
/// A test double of AWS Security Token Service (STS) on a free loopback port. It is not AWS and checks no
/// signatures: it speaks the STS wire protocol (the AWS Query protocol, version <c>2011-06-15</c>, with the XML
/// responses and error documents real STS returns) so that the real AWS SDK STS client can be pointed at it, and it
/// answers <c>AssumeRole</c> and <c>GetCallerIdentity</c> from roles and identities a test registers.
/// </summary>
/// <remarks>
/// No STS emulator is available for the test machines, so this exists to exercise credential assumption and
/// refresh without network access. Every request is recorded in <see cref="Requests"/> so tests can assert on what
/// the client actually sent. Other STS actions are answered with <c>InvalidAction</c>.
/// </remarks>
public sealed class LocalStsEndpoint : IAsyncDisposable
{
    /// <summary>The STS API version the Query protocol requests carry and the XML namespace is derived from.</summary>
    private const string ApiVersion = "2011-06-15";

    private const int MaxStartAttempts = 5;

    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    // Real STS session names and external ids are restricted to these characters; enforcing them here catches a
    // client that would be rejected by AWS rather than letting it pass locally.
    private static readonly Regex SessionNamePattern = new(@"^[\w+=,.@-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex ExternalIdPattern = new(@"^[\w+=,.@:/-]*$", RegexOptions.CultureInvariant);

    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string RoleIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly HttpListener listener;
    private readonly object gate = new();
    private readonly List<StsRequest> requests = [];
    private readonly Dictionary<string, RoleEntry> roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> roleByAccessKeyId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Identity> identities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private long nextHandlerId;
    private Task serveLoop = Task.CompletedTask;
    private int disposed;

    private LocalStsEndpoint(HttpListener listener, Uri endpoint)
    {
        this.listener = listener;
        Endpoint = endpoint;
    }

    /// <summary>The loopback base address to use as the STS client's service URL, for example <c>http://127.0.0.1:12345/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>A snapshot, in arrival order, of every request received so far.</summary>
    public IReadOnlyList<StsRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    /// <summary>Binds a free loopback port and starts serving requests in the background until disposed.</summary>
    /// <exception cref="HttpListenerException">No free port could be bound after several attempts.</exception>
    public static LocalStsEndpoint Start()
    {
        // A port picked by binding port 0 can be taken by someone else before HttpListener binds it; retry.
        HttpListenerException? last = null;
        for (var attempt = 0; attempt < MaxStartAttempts; attempt++)
        {
            var port = FreeLoopbackPort();
            var endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(endpoint.AbsoluteUri);
            try
            {
                listener.Start();
            }
            catch (HttpListenerException ex)
            {
                last = ex;
                listener.Close();
                continue;
            }

            var instance = new LocalStsEndpoint(listener, endpoint);
            instance.serveLoop = Task.Run(instance.ServeAsync);
            return instance;
        }

        throw last!;
    }

    /// <summary>
    /// Makes <c>AssumeRole</c> for <paramref name="roleArn"/> succeed with the given long-term part of the credentials.
    /// Calling it again for the same ARN replaces the credentials and lifetime and lifts an earlier <see cref="DenyRole"/>.
    /// </summary>
    /// <param name="roleArn">The role ARN as clients will send it, for example <c>arn:aws:iam::123456789012:role/Reader</c>.</param>
    /// <param name="accessKeyId">The access key id every successful <c>AssumeRole</c> for this role returns.</param>
    /// <param name="secretAccessKey">The secret access key every successful <c>AssumeRole</c> for this role returns.</param>
    /// <param name="credentialLifetime">
    /// How long after each call the returned credentials expire. May be seconds (or even zero or negative) so tests can
    /// drive refresh; it is deliberately independent of the <c>DurationSeconds</c> the client asks for.
    /// </param>
    /// <param name="accountId">The account the role belongs to, reported by <c>GetCallerIdentity</c> for its sessions.</param>
    public void AddRole(string roleArn, string accessKeyId, string secretAccessKey, TimeSpan credentialLifetime, string accountId = "123456789012")
    {
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        ArgumentException.ThrowIfNullOrEmpty(accountId);

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
                credentialLifetime,
                accountId,
                Denied: false,
                RoleId: existing is { RoleId.Length: > 0 } ? existing.RoleId : "AROA" + RandomNumberGenerator.GetString(RoleIdAlphabet, 17),
                LastSessionName: existing?.LastSessionName);
            roleByAccessKeyId[accessKeyId] = roleArn;
        }
    }

    /// <summary>Makes <c>AssumeRole</c> for <paramref name="roleArn"/> fail with <c>AccessDenied</c> (as it does for any ARN never added).</summary>
    /// <param name="roleArn">The role ARN to deny.</param>
    public void DenyRole(string roleArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        lock (gate)
        {
            roles[roleArn] = roles.TryGetValue(roleArn, out var existing)
                ? existing with { Denied = true }
                : new RoleEntry(string.Empty, string.Empty, TimeSpan.Zero, string.Empty, Denied: true, RoleId: string.Empty, LastSessionName: null);
        }
    }

    /// <summary>
    /// Makes <c>GetCallerIdentity</c> signed with <paramref name="accessKeyId"/> return this identity. A registered
    /// identity takes precedence over a role whose credentials use the same access key id.
    /// </summary>
    /// <param name="accessKeyId">The access key id the caller signs with.</param>
    /// <param name="accountId">The 12-digit account id to report.</param>
    /// <param name="arn">The caller ARN to report, for example <c>arn:aws:iam::123456789012:user/alice</c>.</param>
    /// <param name="userId">The unique id to report, for example <c>AIDAEXAMPLE</c>.</param>
    public void AddIdentity(string accessKeyId, string accountId, string arn, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(arn);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        lock (gate)
        {
            identities[accessKeyId] = new Identity(accountId, arn, userId);
        }
    }

    /// <summary>Stops the listener and waits for the serving loop and any request being answered.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        // Close makes the pending GetContextAsync throw, which is how the loop learns to end.
        listener.Close();
        await serveLoop.ConfigureAwait(false);
        await Task.WhenAll(inFlight.Values).ConfigureAwait(false);
    }

    private static int FreeLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // The listener was stopped: that is the normal way out of the loop, not an error.
                return;
            }

            // Requests are answered concurrently so one slow client cannot stall another; DisposeAsync waits for them.
            var id = Interlocked.Increment(ref nextHandlerId);
            var handler = HandleAsync(context);
            inFlight[id] = handler;
            _ = handler.ContinueWith(_ => inFlight.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        Reply reply;
        try
        {
            var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            reply = Dispatch(context.Request, body, requestId);
        }
#pragma warning disable CA1031 // One broken request must become a 500, never end the serving loop.
        catch (Exception)
#pragma warning restore CA1031
        {
            reply = ErrorReply(HttpStatusCode.InternalServerError, "Receiver", "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", requestId);
        }

        try
        {
            var bytes = Encoding.UTF8.GetBytes(reply.Body.ToString(SaveOptions.None));
            var response = context.Response;
            response.StatusCode = (int)reply.Status;
            response.ContentType = "text/xml";
            response.Headers["x-amzn-RequestId"] = requestId;
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            response.Close();
        }
#pragma warning disable CA1031 // The client went away or the listener is shutting down; nobody is left to tell.
        catch (Exception)
#pragma warning restore CA1031
        {
            context.Response.Abort();
        }
    }

    private static async Task<string> ReadBodyAsync(HttpListenerRequest request)
    {
        if (!request.HasEntityBody)
        {
            return string.Empty;
        }

        // The Query protocol body is percent-encoded ASCII, so the charset parameter does not matter for decoding.
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    private Reply Dispatch(HttpListenerRequest request, string body, string requestId)
    {
        // Real STS accepts the Query protocol as a GET query string or a POST form; the SDK posts a form.
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        ParseForm(request.Url?.Query.TrimStart('?') ?? string.Empty, parameters);
        ParseForm(body, parameters);

        var (accessKeyId, region) = ParseCredentialScope(request.Headers["Authorization"])
            ?? ParseCredentialScope(parameters.GetValueOrDefault("X-Amz-Credential"), queryForm: true)
            ?? (null, null);
        var action = parameters.GetValueOrDefault("Action") ?? string.Empty;

        lock (gate)
        {
            requests.Add(new StsRequest(action, accessKeyId, region, new ReadOnlyDictionary<string, string>(parameters)));
        }

        var version = parameters.GetValueOrDefault("Version");
        if (version != ApiVersion || action is not ("AssumeRole" or "GetCallerIdentity"))
        {
            return ErrorReply(HttpStatusCode.BadRequest, "Sender", "InvalidAction", $"Could not find operation {action} for version {version ?? "NO_VERSION_SPECIFIED"}", requestId);
        }

        if (accessKeyId is null)
        {
            return ErrorReply(HttpStatusCode.Forbidden, "Sender", "MissingAuthenticationToken", "Request is missing Authentication Token", requestId);
        }

        return action == "AssumeRole"
            ? AssumeRole(parameters, accessKeyId, requestId)
            : GetCallerIdentity(accessKeyId, requestId);
    }

    private Reply AssumeRole(Dictionary<string, string> parameters, string callerAccessKeyId, string requestId)
    {
        var roleArn = parameters.GetValueOrDefault("RoleArn");
        var sessionName = parameters.GetValueOrDefault("RoleSessionName");
        if (string.IsNullOrEmpty(roleArn))
        {
            return ErrorReply(HttpStatusCode.BadRequest, "Sender", "MissingParameter", "The request must contain the parameter RoleArn.", requestId);
        }

        if (string.IsNullOrEmpty(sessionName))
        {
            return ErrorReply(HttpStatusCode.BadRequest, "Sender", "MissingParameter", "The request must contain the parameter RoleSessionName.", requestId);
        }

        var invalid = ValidateAssumeRole(parameters, roleArn, sessionName);
        if (invalid is not null)
        {
            return ErrorReply(HttpStatusCode.BadRequest, "Sender", "ValidationError", invalid, requestId);
        }

        RoleEntry role;
        string callerArn;
        lock (gate)
        {
            callerArn = CallerArnLocked(callerAccessKeyId) ?? $"arn:{Partition(roleArn)}:iam::{AccountOf(roleArn)}:user/unknown-caller";
            if (!roles.TryGetValue(roleArn, out var found) || found.Denied)
            {
                return ErrorReply(HttpStatusCode.Forbidden, "Sender", "AccessDenied", $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", requestId);
            }

            // The latest session name is what GetCallerIdentity reports for the role's credentials.
            role = found with { LastSessionName = sessionName };
            roles[roleArn] = role;
        }

        var expiration = DateTime.UtcNow + role.Lifetime;
        var result = new XElement(Ns + "AssumeRoleResult");
        if (parameters.TryGetValue("SourceIdentity", out var sourceIdentity))
        {
            result.Add(new XElement(Ns + "SourceIdentity", sourceIdentity));
        }

        result.Add(
            new XElement(
                Ns + "AssumedRoleUser",
                new XElement(Ns + "AssumedRoleId", $"{role.RoleId}:{sessionName}"),
                new XElement(Ns + "Arn", AssumedRoleArn(roleArn, role.AccountId, sessionName))),
            new XElement(
                Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", role.AccessKeyId),
                new XElement(Ns + "SecretAccessKey", role.SecretAccessKey),
                new XElement(Ns + "SessionToken", RandomNumberGenerator.GetString(TokenAlphabet, 128)),
                new XElement(Ns + "Expiration", expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));

        // STS reports PackedPolicySize (a percentage of the allowed size) only when session tags or policies were passed.
        var tagCount = parameters.Keys.Count(k => k.StartsWith("Tags.member.", StringComparison.Ordinal) && k.EndsWith(".Key", StringComparison.Ordinal));
        var hasPolicy = parameters.ContainsKey("Policy") || parameters.Keys.Any(k => k.StartsWith("PolicyArns.member.", StringComparison.Ordinal));
        if (tagCount > 0 || hasPolicy)
        {
            result.Add(new XElement(Ns + "PackedPolicySize", Math.Min(100, 3 + (3 * tagCount)).ToString(CultureInfo.InvariantCulture)));
        }

        return new Reply(HttpStatusCode.OK, new XElement(Ns + "AssumeRoleResponse", result, Metadata(requestId)));
    }

    private Reply GetCallerIdentity(string callerAccessKeyId, string requestId)
    {
        Identity? identity;
        lock (gate)
        {
            identity = IdentityLocked(callerAccessKeyId);
        }

        if (identity is null)
        {
            return ErrorReply(HttpStatusCode.Forbidden, "Sender", "InvalidClientTokenId", "The security token included in the request is invalid.", requestId);
        }

        return new Reply(
            HttpStatusCode.OK,
            new XElement(
                Ns + "GetCallerIdentityResponse",
                new XElement(
                    Ns + "GetCallerIdentityResult",
                    new XElement(Ns + "Arn", identity.Arn),
                    new XElement(Ns + "UserId", identity.UserId),
                    new XElement(Ns + "Account", identity.AccountId)),
                Metadata(requestId)));
    }

    private Identity? IdentityLocked(string accessKeyId)
    {
        if (identities.TryGetValue(accessKeyId, out var identity))
        {
            return identity;
        }

        // Role credentials only exist once AssumeRole has handed them out; before that AWS would not know the key.
        if (roleByAccessKeyId.TryGetValue(accessKeyId, out var roleArn)
            && roles.TryGetValue(roleArn, out var role)
            && role.LastSessionName is { } session)
        {
            return new Identity(role.AccountId, AssumedRoleArn(roleArn, role.AccountId, session), $"{role.RoleId}:{session}");
        }

        return null;
    }

    private string? CallerArnLocked(string accessKeyId) => IdentityLocked(accessKeyId)?.Arn;

    private static string? ValidateAssumeRole(Dictionary<string, string> parameters, string roleArn, string sessionName)
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

        if (parameters.ContainsKey("SerialNumber") != parameters.ContainsKey("TokenCode"))
        {
            return "SerialNumber and TokenCode must be provided together.";
        }

        return null;
    }

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

    /// <summary>Reads the access key id and region from a SigV4 credential scope <c>AKID/date/region/service/aws4_request</c>.</summary>
    private static (string? AccessKeyId, string? Region)? ParseCredentialScope(string? value, bool queryForm = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var scope = value;
        if (!queryForm)
        {
            // Header form: "AWS4-HMAC-SHA256 Credential=<scope>, SignedHeaders=..., Signature=...".
            const string marker = "Credential=";
            var start = value.IndexOf(marker, StringComparison.Ordinal);
            if (start < 0)
            {
                return null;
            }

            start += marker.Length;
            var end = value.IndexOfAny([',', ' '], start);
            scope = end < 0 ? value[start..] : value[start..end];
        }

        var parts = scope.Split('/');
        if (parts[0].Length == 0)
        {
            return null;
        }

        return (parts[0], parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null);
    }

    private static void ParseForm(string form, Dictionary<string, string> into)
    {
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : pair[(eq + 1)..];

            // application/x-www-form-urlencoded: '+' is a space, everything else is percent-encoded UTF-8.
            into[Decode(name)] = Decode(value);
        }

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }

    private static XElement Metadata(string requestId) =>
        new(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId));

    private static Reply ErrorReply(HttpStatusCode status, string type, string code, string message, string requestId) =>
        new(
            status,
            new XElement(
                Ns + "ErrorResponse",
                new XElement(
                    Ns + "Error",
                    new XElement(Ns + "Type", type),
                    new XElement(Ns + "Code", code),
                    new XElement(Ns + "Message", message)),
                new XElement(Ns + "RequestId", requestId)));

    private sealed record Reply(HttpStatusCode Status, XElement Body);

    private sealed record Identity(string AccountId, string Arn, string UserId);

    private sealed record RoleEntry(
        string AccessKeyId,
        string SecretAccessKey,
        TimeSpan Lifetime,
        string AccountId,
        bool Denied,
        string RoleId,
        string? LastSessionName);
}

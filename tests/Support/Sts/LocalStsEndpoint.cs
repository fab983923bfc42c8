using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
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
/// <para>No STS emulator is available for the test machines, so this exists to exercise credential assumption and
/// refresh without network access. Every request is recorded in <see cref="Requests"/> so tests can assert on what
/// the client actually sent. Other STS actions are answered with <c>InvalidAction</c>.</para>
/// <para>Layers: <see cref="LoopbackHttpServer"/> listens, <c>StsWire</c> parses requests, <c>StsState</c> holds roles,
/// identities and issued credentials and decides the answers, <c>StsReplies</c> writes the XML. This class ties them
/// together and adds what load tests need: an AssumeRole latency and hook, throttling fault injection and the
/// AssumeRole in-flight high-water mark.</para>
/// </remarks>
public sealed class LocalStsEndpoint : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly List<StsRequest> requests = [];
    private readonly StsState state = new();
    private LoopbackHttpServer server = null!;
    private Random throttleRandom = new(1);
    private double throttleRate;
    private int assumeRolesInFlight;
    private int assumeRoleHighWater;
    private int throttled;

    private LocalStsEndpoint()
    {
    }

    /// <summary>The loopback base address to use as the STS client's service URL, for example <c>http://127.0.0.1:12345/</c>.</summary>
    public Uri Endpoint => server.Endpoint;

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

    /// <summary>How long each <c>AssumeRole</c> takes to answer (so concurrent calls overlap, as they do against AWS). Zero by default.</summary>
    public TimeSpan AssumeRoleLatency { get; set; }

    /// <summary>Awaited before each <c>AssumeRole</c> is answered (after the latency): lets a test hold an answer back.</summary>
    public Func<StsRequest, Task>? BeforeAssumeRoleAnswer { get; set; }

    /// <summary>The most <c>AssumeRole</c> requests that were being answered at the same moment.</summary>
    public int AssumeRoleInFlightHighWater => Volatile.Read(ref assumeRoleHighWater);

    /// <summary>How many <c>AssumeRole</c> requests were answered with <c>Throttling</c>.</summary>
    public int ThrottledAssumeRoles => Volatile.Read(ref throttled);

    /// <summary>Binds a free loopback port and starts serving requests in the background until disposed.</summary>
    /// <exception cref="HttpListenerException">No free port could be bound after several attempts.</exception>
    public static LocalStsEndpoint Start()
    {
        var sts = new LocalStsEndpoint();
        sts.server = LoopbackHttpServer.Start(sts.HandleAsync);
        return sts;
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
        state.AddRole(roleArn, accessKeyId, secretAccessKey, credentialLifetime, accountId, keyPerSession: false);
    }

    /// <summary>
    /// Like <see cref="AddRole"/>, but every role session (every distinct <c>RoleSessionName</c>) gets its own access key
    /// id, <see cref="AccessKeyIdFor"/>, the same on every refresh: on DynamoDB Local each session is its own database,
    /// so a test can tell which tenant's session wrote an item.
    /// </summary>
    /// <param name="roleArn">The role ARN as clients will send it.</param>
    /// <param name="accessKeyPrefix">The start of every session's access key id (letters and digits).</param>
    /// <param name="secretAccessKey">The secret access key every session gets.</param>
    /// <param name="credentialLifetime">How long after each call the returned credentials expire.</param>
    /// <param name="accountId">The account the role belongs to.</param>
    public void AddRolePerSession(string roleArn, string accessKeyPrefix, string secretAccessKey, TimeSpan credentialLifetime, string accountId = "123456789012")
    {
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        ArgumentException.ThrowIfNullOrEmpty(accessKeyPrefix);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        state.AddRole(roleArn, accessKeyPrefix, secretAccessKey, credentialLifetime, accountId, keyPerSession: true);
    }

    /// <summary>The access key id a role added with <see cref="AddRolePerSession"/> hands to the session <paramref name="sessionName"/>.</summary>
    /// <param name="accessKeyPrefix">The prefix the role was added with.</param>
    /// <param name="roleArn">The role ARN.</param>
    /// <param name="sessionName">The role session name.</param>
    public static string AccessKeyIdFor(string accessKeyPrefix, string roleArn, string sessionName) =>
        StsState.SessionAccessKeyId(accessKeyPrefix, roleArn, sessionName);

    /// <summary>Makes <c>AssumeRole</c> for <paramref name="roleArn"/> fail with <c>AccessDenied</c> (as it does for any ARN never added).</summary>
    /// <param name="roleArn">The role ARN to deny.</param>
    public void DenyRole(string roleArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        state.DenyRole(roleArn);
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
        state.AddIdentity(accessKeyId, new StsIdentity(accountId, arn, userId));
    }

    /// <summary>
    /// Answers this share of <c>AssumeRole</c> requests with STS's <c>Throttling</c> error (HTTP 400, "Rate exceeded"),
    /// chosen by a random sequence from <paramref name="seed"/> so a run can be repeated. Zero turns it off.
    /// </summary>
    /// <param name="rate">The share, 0 to 1.</param>
    /// <param name="seed">The seed of the random choice.</param>
    public void ThrottleAssumeRole(double rate, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        lock (gate)
        {
            throttleRate = rate;
            throttleRandom = new Random(seed);
        }
    }

    /// <summary>When the session token was set to expire, if this endpoint issued it.</summary>
    /// <param name="sessionToken">A session token from an <c>AssumeRole</c> answer.</param>
    public DateTime? TokenExpiration(string sessionToken) => state.TokenExpiration(sessionToken);

    /// <summary>Forgets the request log and the issued session tokens (for long runs that measure the client's memory).</summary>
    public void ClearHistory()
    {
        lock (gate)
        {
            requests.Clear();
        }

        state.ForgetTokens();
    }

    /// <summary>Stops the listener and waits for the serving loop and any request being answered.</summary>
    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpListenerContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        StsReply reply;
        var assumeRole = false;
        try
        {
            var request = await StsWire.ReadAsync(context.Request, DateTime.UtcNow).ConfigureAwait(false);
            lock (gate)
            {
                requests.Add(request);
            }

            assumeRole = request.Action == "AssumeRole";
            if (assumeRole)
            {
                RaiseHighWater(Interlocked.Increment(ref assumeRolesInFlight));
            }

            reply = await AnswerAsync(request, requestId).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One broken request must become a 500, never end the serving loop.
        catch (Exception)
#pragma warning restore CA1031
        {
            reply = StsReplies.Error(new StsFault(HttpStatusCode.InternalServerError, "Receiver", "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."), requestId);
        }
        finally
        {
            if (assumeRole)
            {
                Interlocked.Decrement(ref assumeRolesInFlight);
            }
        }

        var bytes = Encoding.UTF8.GetBytes(reply.Body.ToString(SaveOptions.None));
        var response = context.Response;
        response.StatusCode = (int)reply.Status;
        response.ContentType = "text/xml";
        response.Headers["x-amzn-RequestId"] = requestId;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    private async Task<StsReply> AnswerAsync(StsRequest request, string requestId)
    {
        var version = request.Parameters.GetValueOrDefault("Version");
        if (version != StsReplies.ApiVersion || request.Action is not ("AssumeRole" or "GetCallerIdentity"))
        {
            return StsReplies.Error(new StsFault(HttpStatusCode.BadRequest, "Sender", "InvalidAction", $"Could not find operation {request.Action} for version {version ?? "NO_VERSION_SPECIFIED"}"), requestId);
        }

        if (request.CallerAccessKeyId is null)
        {
            return StsReplies.Error(new StsFault(HttpStatusCode.Forbidden, "Sender", "MissingAuthenticationToken", "Request is missing Authentication Token"), requestId);
        }

        if (request.Action == "GetCallerIdentity")
        {
            var (fault, identity) = state.GetCallerIdentity(request.CallerAccessKeyId);
            return fault is null ? StsReplies.CallerIdentity(identity!, requestId) : StsReplies.Error(fault, requestId);
        }

        if (AssumeRoleLatency > TimeSpan.Zero)
        {
            await Task.Delay(AssumeRoleLatency).ConfigureAwait(false);
        }

        if (BeforeAssumeRoleAnswer is { } hook)
        {
            await hook(request).ConfigureAwait(false);
        }

        if (ShouldThrottle())
        {
            Interlocked.Increment(ref throttled);
            return StsReplies.Error(new StsFault(HttpStatusCode.BadRequest, "Sender", "Throttling", "Rate exceeded"), requestId);
        }

        var (refused, grant) = state.AssumeRole(request);
        return refused is null ? StsReplies.AssumeRole(grant!, requestId) : StsReplies.Error(refused, requestId);
    }

    private void RaiseHighWater(int inFlight)
    {
        var seen = Volatile.Read(ref assumeRoleHighWater);
        while (inFlight > seen)
        {
            var previous = Interlocked.CompareExchange(ref assumeRoleHighWater, inFlight, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private bool ShouldThrottle()
    {
        lock (gate)
        {
            return throttleRate > 0 && throttleRandom.NextDouble() < throttleRate;
        }
    }
}

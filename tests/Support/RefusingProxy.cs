using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.TestSupport;

/// <summary>
/// A loopback proxy in front of DynamoDB Local that answers, as AWS does, what DynamoDB Local never does: an error for a
/// request a rule picks (<see cref="ExpiredTokens"/>: HTTP 400 <c>ExpiredTokenException</c> for a request signed with
/// temporary credentials that have expired; a throttling rule: <c>ProvisionedThroughputExceededException</c>).
/// Everything else is forwarded unchanged, byte for byte. Point a session's endpoint at <see cref="Endpoint"/>.
/// </summary>
public sealed class RefusingProxy : IAsyncDisposable
{
    private static readonly string[] HopByHop = ["Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Keep-Alive"];

    private readonly Uri target;
    private readonly Func<HttpListenerRequest, Refusal?> refuse;
    private readonly HttpClient http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false });
    private LoopbackHttpServer server = null!;
    private int forwarded;
    private int rejected;

    private RefusingProxy(Uri target, Func<HttpListenerRequest, Refusal?> refuse)
    {
        this.target = target;
        this.refuse = refuse;
    }

    /// <summary>The proxy's address, to use as a session's DynamoDB endpoint.</summary>
    public Uri Endpoint => server.Endpoint;

    /// <summary>Requests passed on to DynamoDB Local.</summary>
    public int Forwarded => Volatile.Read(ref forwarded);

    /// <summary>Requests answered with an error.</summary>
    public int Rejected => Volatile.Read(ref rejected);

    /// <summary>Starts a proxy to <paramref name="target"/> on a free loopback port.</summary>
    /// <param name="target">DynamoDB Local's endpoint.</param>
    /// <param name="refuse">The error to answer a request with, or null to forward it.</param>
    /// <exception cref="HttpListenerException">No free port could be bound after several attempts.</exception>
    public static RefusingProxy Start(Uri target, Func<HttpListenerRequest, Refusal?> refuse)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(refuse);
        var proxy = new RefusingProxy(target, refuse);
        proxy.server = LoopbackHttpServer.Start(proxy.HandleAsync);
        return proxy;
    }

    /// <summary>
    /// The rule for expired credentials: a request whose session token (<c>X-Amz-Security-Token</c>) the issuer, normally
    /// <see cref="LocalStsEndpoint.TokenExpiration"/>, says has expired; requests without a token, or with one the issuer
    /// does not know, pass.
    /// </summary>
    public static Func<HttpListenerRequest, Refusal?> ExpiredTokens(Func<string, DateTime?> tokenExpiration) =>
        request => request.Headers["X-Amz-Security-Token"] is { } token && tokenExpiration(token) is { } expiration && expiration <= DateTime.UtcNow
            ? new Refusal("com.amazon.coral.service#ExpiredTokenException", "The security token included in the request is expired")
            : null;

    /// <summary>The DynamoDB operation a request is (<c>BatchWriteItem</c>), from its <c>X-Amz-Target</c> header.</summary>
    public static string? Operation(HttpListenerRequest request) =>
        request.Headers["X-Amz-Target"] is { } target && target.LastIndexOf('.') is var dot and >= 0 ? target[(dot + 1)..] : null;

    /// <summary>Stops the proxy.</summary>
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync().ConfigureAwait(false);
        http.Dispose();
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (refuse(request) is { } refusal)
        {
            Interlocked.Increment(ref rejected);
            var error = Encoding.UTF8.GetBytes($"{{\"__type\":\"{refusal.Type}\",\"message\":\"{refusal.Message}\"}}");
            response.StatusCode = (int)HttpStatusCode.BadRequest;
            response.ContentType = "application/x-amz-json-1.0";
            response.ContentLength64 = error.Length;
            await response.OutputStream.WriteAsync(error).ConfigureAwait(false);
            response.Close();
            return;
        }

        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(target, request.RawUrl))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !HopByHop.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            var value = request.Headers[name];
            if (!forward.Headers.TryAddWithoutValidation(name, value))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await http.SendAsync(forward).ConfigureAwait(false);
        var bytes = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        Interlocked.Increment(ref forwarded);
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            // Only what the SDK reads from DynamoDB (the CRC of the body, the request id, the type and encoding of the
            // body); HttpListener sets the transport headers itself and refuses some of them.
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = string.Join(", ", values);
            }
            else if (name.StartsWith("x-amz", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[name] = string.Join(", ", values);
            }
        }

        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }
}

/// <summary>An AWS error answer: its type (<c>com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException</c>) and message.</summary>
public sealed record Refusal(string Type, string Message);

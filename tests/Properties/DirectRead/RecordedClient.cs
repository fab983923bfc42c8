using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace SessionEffects.Properties.DirectRead;

/// <summary>
/// A session's own client (<see cref="SessionDynamoClient"/>, its whole pipeline: signing, retries, CRC32 check, error
/// unmarshalling) whose HTTP handler answers with given response bytes, so the SDK's read and the direct read can be
/// run on the very same bytes. Answers are queued (one per request; the last one repeats), each with its status and,
/// unless told otherwise, the correct <c>x-amz-crc32</c> header, as DynamoDB sends it. This checks the reading of
/// bytes only; the data tests run against DynamoDB Local.
/// </summary>
internal sealed class RecordedClient : IDisposable
{
    private readonly Handler handler = new();

    public RecordedClient(int retries = 0)
    {
        var session = AwsSession.FromKeys("AKIDRECORDED", "recorded-secret", "us-east-1");
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = "http://127.0.0.1:9",
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = retries,
            HttpClientFactory = new Factory(handler),
        };
        Client = SessionDynamoClient.Create(new BasicAWSCredentials("AKIDRECORDED", "recorded-secret"), config, session, reportCapacity: false);
        Session = session;
    }

    public SessionDynamoClient Client { get; }

    private AwsSession Session { get; }

    /// <summary>How many requests were answered.</summary>
    public int Requests => handler.Requests;

    /// <summary>Queues an answer: <paramref name="body"/> with <paramref name="status"/>; <paramref name="crc"/> overrides the CRC32 header.</summary>
    public RecordedClient Answer(string body, HttpStatusCode status = HttpStatusCode.OK, string? crc = null)
    {
        handler.Answers.Enqueue((body, status, crc));
        return this;
    }

    public void Dispose()
    {
        Client.Dispose();
        Session.Dispose();
        handler.Dispose();
    }

    /// <summary>The CRC-32 (IEEE) DynamoDB sends as <c>x-amz-crc32</c>.</summary>
    public static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private sealed class Handler : HttpMessageHandler
    {
        private (string Body, HttpStatusCode Status, string? Crc) last = ("{}", HttpStatusCode.OK, null);
        private int requests;

        public ConcurrentQueue<(string Body, HttpStatusCode Status, string? Crc)> Answers { get; } = new();

        public int Requests => Volatile.Read(ref requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            if (Answers.TryDequeue(out var next))
            {
                last = next;
            }

            var bytes = Encoding.UTF8.GetBytes(last.Body);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
            var response = new HttpResponseMessage(last.Status) { Content = content };
            response.Headers.Add("x-amz-crc32", last.Crc ?? Crc32(bytes).ToString(CultureInfo.InvariantCulture));
            response.Headers.Add("x-amzn-RequestId", "recorded-request");
            return Task.FromResult(response);
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}

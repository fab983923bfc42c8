using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// An in-process HTTP handler that answers the SDK's DynamoDB requests with canned response bodies (recorded from
/// DynamoDB Local, or generated from recorded items for answers that depend on the request). It is the benchmark
/// harness for what this process spends per operation — the real client signs, marshals, sends through HttpClient,
/// checks the CRC and unmarshals — with no server and no network in the measurement. Not a test double: the tests
/// run against DynamoDB Local.
/// </summary>
internal sealed class CannedDynamo : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/x-amz-json-1.0");
    private readonly Dictionary<string, CannedBody> answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<byte[], CannedBody>> generated = new(StringComparer.Ordinal);
    private long requests;

    /// <summary>A pause before every answer, to stand for a server's latency (the parallel-scan scaling case); none by default.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>How many requests were answered.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Answers every <paramref name="operation"/> (<c>GetItem</c>, <c>Query</c>...) with <paramref name="body"/>.</summary>
    public CannedDynamo Answer(string operation, CannedBody body)
    {
        answers[operation] = body;
        return this;
    }

    /// <summary>Answers every <paramref name="operation"/> with a body made from the request body.</summary>
    public CannedDynamo Generate(string operation, Func<byte[], CannedBody> answer)
    {
        generated[operation] = answer;
        return this;
    }

    /// <summary>A session whose DynamoDB client (real SDK client, retries off) sends through this handler.</summary>
    public AwsSession Session(string accessKey) =>
        AwsSession.FromKeys(accessKey, "canned-secret-" + accessKey, "us-east-1")
            .WithEndpoint(new Uri("http://127.0.0.1:9"))
            .WithClientConfiguration(c => Configure((AmazonDynamoDBConfig)c));

    /// <summary>A plain SDK client over this handler, configured as <see cref="Session"/>'s (for the raw and DynamoDBContext cases).</summary>
    public AmazonDynamoDBClient Client(string accessKey)
    {
        var config = new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1" };
        Configure(config);
        return new AmazonDynamoDBClient(new BasicAWSCredentials(accessKey, "canned-secret-" + accessKey), config);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        CannedBody body;
        if (generated.TryGetValue(operation, out var make))
        {
            body = make(await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
        else
        {
            body = answers.TryGetValue(operation, out var canned) ? canned : throw new InvalidOperationException($"No canned answer for {operation}.");
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken).ConfigureAwait(false);
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(body.Bytes) };
        response.Content.Headers.ContentType = Json;
        response.Headers.TryAddWithoutValidation("x-amz-crc32", body.Crc);
        return response;
    }

    private void Configure(AmazonDynamoDBConfig config)
    {
        config.MaxErrorRetry = 0;
        config.HttpClientFactory = new Factory(this);
    }

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);
    }
}

using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;

namespace SessionEffects.Benchmarks;

/// <summary>
/// Issue #17: what tracing and metrics cost a GetItem, measured client-side — the session's client answers from a
/// canned response in memory (an <see cref="HttpClientFactory"/> set on the client's configuration before its first
/// request), so DynamoDB Local's ±15 % does not hide a 2 % difference. <see cref="Listening"/> false: nobody listens
/// (the library must cost what it cost before the instrumentation); true: an <see cref="ActivityListener"/> and a
/// <see cref="MeterListener"/> subscribe to <c>SessionEffects</c>, recording everything, as OpenTelemetry would.
/// The file uses only APIs that existed before the instrumentation, so the same file measures the commit before it.
/// </summary>
[Config(typeof(BenchConfigs.Cpu))]
public class TelemetryOverheadBenchmarks
{
    private const string Key = "item-000001";
    private static readonly DynamoTable<BenchItem> Table = LocalDynamo.Table;
    private AwsSession session = null!;
    private SessionEnv env;
    private GetItemRequest rawRequest = null!;
    private ActivityListener? activities;
    private MeterListener? meters;
    private long measurements;

    /// <summary>Whether a trace and a metrics listener are attached.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Nothing listens on this port: every request is answered by CannedGetItem before it leaves the process.
        session = AwsSession.FromKeys("AKIDTELEMETRYBENCH", "bench-secret", LocalDynamo.Region).WithEndpoint(new Uri("http://127.0.0.1:9/"));
        ((ClientConfig)session.DynamoDB.Config).HttpClientFactory = new CannedFactory();
        env = SessionEnv.New(session);
        Sessions.Configure(session);
        rawRequest = LocalDynamo.RawGet(Key);
        if (Listening)
        {
            activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "SessionEffects",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(activities);
            meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == "SessionEffects")
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            meters.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref measurements));
            meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref measurements));
            meters.Start();
        }

        if (Core_Get().AsTask().GetAwaiter().GetResult().IsFail || Facade_GetAsync().GetAwaiter().GetResult() is null)
        {
            throw new InvalidOperationException("Benchmark setup: the canned GetItem did not map to an item.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        activities?.Dispose();
        meters?.Dispose();
        env.CancellationTokenSource.Dispose();
        session.Dispose();
    }

    /// <summary>The plain SDK call on the session's own client (the library is not involved).</summary>
    [Benchmark(Baseline = true)]
    public Task<GetItemResponse> Raw_GetItemAsync() => session.DynamoDB.GetItemAsync(rawRequest);

    /// <summary><c>Dynamo.get(table, key)</c> in an environment made once.</summary>
    [Benchmark]
    public ValueTask<Fin<Option<BenchItem>>> Core_Get() => Dynamo.get(Table, Key).Run(env);

    /// <summary><c>table.GetAsync(key)</c> through the facade.</summary>
    [Benchmark]
    public Task<BenchItem?> Facade_GetAsync() => Table.GetAsync(Key);

    /// <summary>Answers every request with the same GetItem response, without a socket.</summary>
    private sealed class CannedFactory : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new CannedGetItem());

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }

    private sealed class CannedGetItem : HttpMessageHandler
    {
        private static readonly byte[] Body = Encoding.UTF8.GetBytes(
            "{\"Item\":{\"id\":{\"S\":\"item-000001\"},\"payload\":{\"S\":\"payload 000001 " + new string('x', 90) + "\"},\"n\":{\"N\":\"1\"}}}");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(Body) };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.0");
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "canned");
            return Task.FromResult(response);
        }
    }
}

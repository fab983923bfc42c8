using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace SessionEffects.Benchmarks.Infrastructure;

/// <summary>
/// Counts requests two independent ways: SDK calls (the <c>BeforeRequestEvent</c> of the watched clients) and HTTP
/// requests actually sent by any HttpClient in the process (the runtime's <c>http.client.request.duration</c> metric,
/// one measurement per request, retries included).
/// </summary>
internal sealed class RequestCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<(AmazonServiceClient Client, RequestEventHandler Handler)> hooks = [];
    private long http;
    private long sdk;
    private long operations;

    public RequestCounter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref http));
        listener.Start();
    }

    public long HttpRequests => Interlocked.Read(ref http);

    public long SdkCalls => Interlocked.Read(ref sdk);

    public long Operations => Interlocked.Read(ref operations);

    /// <summary>Counts the SDK calls of <paramref name="client"/> from now on.</summary>
    public void Watch(IAmazonDynamoDB client)
    {
        var service = (AmazonServiceClient)client;
        RequestEventHandler handler = (_, _) => Interlocked.Increment(ref sdk);
        service.BeforeRequestEvent += handler;
        hooks.Add((service, handler));
    }

    /// <summary>One benchmark operation done (called from the benchmark method; an interlocked add, nanoseconds).</summary>
    public void Operation() => Interlocked.Increment(ref operations);

    public void Reset()
    {
        Interlocked.Exchange(ref http, 0);
        Interlocked.Exchange(ref sdk, 0);
        Interlocked.Exchange(ref operations, 0);
    }

    /// <summary>A one-line summary for the BenchmarkDotNet log.</summary>
    public string Summary(string what) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"// requests [{what}]: {Operations} operations, {SdkCalls} SDK calls, {HttpRequests} HTTP requests = {PerOp(SdkCalls):0.000} SDK calls/op, {PerOp(HttpRequests):0.000} HTTP requests/op");

    public void Dispose()
    {
        foreach (var (client, handler) in hooks)
        {
            client.BeforeRequestEvent -= handler;
        }

        hooks.Clear();
        listener.Dispose();
    }

    private double PerOp(long count) => Operations == 0 ? double.NaN : (double)count / Operations;
}

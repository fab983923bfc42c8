using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Testing;

namespace SessionEffects.TestSupport;

/// <summary>
/// The listener layer of the local test servers: an <see cref="HttpListener"/> on a free loopback port that hands each
/// request to a handler, answering requests concurrently so one slow client cannot stall another, until disposed.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly Func<HttpListenerContext, Task> handler;
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private long nextHandlerId;
    private Task serveLoop = Task.CompletedTask;
    private int disposed;

    private LoopbackHttpServer(HttpListener listener, Uri endpoint, Func<HttpListenerContext, Task> handler)
    {
        this.listener = listener;
        this.handler = handler;
        Endpoint = endpoint;
    }

    /// <summary>The base address, for example <c>http://127.0.0.1:12345/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Binds a free loopback port and serves every request with <paramref name="handler"/> until disposed.</summary>
    /// <param name="handler">Answers one request; it must close or abort the response. If it throws, the response is aborted.</param>
    /// <exception cref="HttpListenerException">No free port could be bound after several attempts.</exception>
    public static LoopbackHttpServer Start(Func<HttpListenerContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        HttpListenerException? last = null;
        for (var attempt = 0; attempt < FreeLoopbackPort.Attempts; attempt++)
        {
            var endpoint = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next().ToString(CultureInfo.InvariantCulture)}/");
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

            var server = new LoopbackHttpServer(listener, endpoint, handler);
            server.serveLoop = Task.Run(server.ServeAsync);
            return server;
        }

        throw last!;
    }

    /// <summary>Stops listening and waits for the serving loop and every request being answered.</summary>
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

            var id = Interlocked.Increment(ref nextHandlerId);
            var handling = HandleAsync(context);
            inFlight[id] = handling;
            _ = handling.ContinueWith(_ => inFlight.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await handler(context).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A broken handler or a vanished client must never end the serving loop.
        catch (Exception)
#pragma warning restore CA1031
        {
            context.Response.Abort();
        }
    }
}

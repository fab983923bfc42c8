using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionEffects.CSharp;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// The sessions, binding root and tenant pools a container made from <see cref="SessionEffectsOptions"/>, and their
/// owner: it disposes them (pools first, then sessions newest first, so a role goes before its source) when the host
/// stops or the container is disposed. A host's own flows (every hosted service's start, every
/// <c>BackgroundService.ExecuteAsync</c>) see this root whatever other hosts the process runs; a web server runs requests
/// without the host's flow, so a request enters it itself (<c>Sessions.UseEnvironment(directory.Root)</c> in a middleware). Code outside any host's flows sees the C# facade's process-wide root: the first live
/// directory's root (one default session for the container and the facade, never two) until it is disposed, then the
/// root from before; a second directory that starts while the first lives leaves it alone.
/// </summary>
/// <remarks>
/// <see cref="SessionEffectsDiagnostics.LoggerFactory"/> and <see cref="SessionEffectsDiagnostics.RecordConsumedCapacity"/>
/// stay process-wide: core code that logs or wraps a client has no host to ask (an effect runs anywhere, a session is
/// shared across hosts), so the last directory started sets them and disposing it puts back what it changed, while
/// another host still running keeps what it set only if it set it last.
/// </remarks>
public sealed class SessionDirectory : IDisposable
{
    private readonly Dictionary<string, AwsSession> named;
    private readonly Dictionary<string, SessionPool<string>> pools;
    private readonly List<AwsSession> created;
    private static readonly object ProcessRootGate = new();
    private static readonly List<SessionDirectory> Live = [];
    private static BindingRoot? rootBeforeAny;
    private readonly ILoggerFactory previousLoggerFactory;
    private readonly ILoggerFactory? loggerFactory;
    private readonly bool? previousCapacity;
    private int disposed;

    /// <summary>Builds everything the options name.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="loggerFactory">Where SessionEffects logs while this directory lives; unchanged when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="OptionsValidationException">The options name a session that cannot be built (each failure names its key).</exception>
    public SessionDirectory(IOptionsMonitor<SessionEffectsOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The monitor's value is the instance ValidateOnStart already made and checked; IOptions would make (and check,
        // with a trial build of every session) a second one.
        var settings = options.CurrentValue;
        var builder = new SessionBuilder(settings);
        var (defaultSession, sessions) = builder.BuildAll();
        var poolProblems = new List<string>();
        var madePools = TenantPools.Build(settings, builder, poolProblems);
        if (defaultSession is null || builder.Problems.Count > 0 || poolProblems.Count > 0)
        {
            foreach (var pool in madePools.Values)
            {
                pool.Dispose();
            }

            builder.DisposeAll();
            throw new OptionsValidationException(Options.DefaultName, typeof(SessionEffectsOptions), [.. builder.Problems, .. poolProblems]);
        }

        Default = defaultSession;
        named = sessions;
        pools = madePools;
        created = builder.Created;
        Root = BindingRoot.New(defaultSession);

        if (settings.RecordConsumedCapacity)
        {
            // Remembered only when this directory changes it, so disposing it undoes its own change and nobody else's.
            previousCapacity = SessionEffectsDiagnostics.RecordConsumedCapacity;
            SessionEffectsDiagnostics.RecordConsumedCapacity = true;
        }

        previousLoggerFactory = SessionEffectsDiagnostics.LoggerFactory;
        this.loggerFactory = loggerFactory;
        if (loggerFactory is not null)
        {
            SessionEffectsDiagnostics.LoggerFactory = loggerFactory;
        }

        lock (ProcessRootGate)
        {
            // Code outside every host's flows (Program.cs after Start, a container without a host) sees the newest live
            // directory's root; the root from before the first one comes back when the last one goes.
            if (Live.Count == 0)
            {
                rootBeforeAny = Sessions.ProcessRoot;
            }

            Live.Add(this);
            Sessions.Configure(Root);
        }

        HostingLog.Ready(
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SessionEffects.Hosting"),
            Default,
            string.Join(", ", named.Select(kv => $"{kv.Key} = {kv.Value}")),
            string.Join(", ", pools.Keys));
    }

    /// <summary>The default session (also injected as <see cref="AwsSession"/> without a key).</summary>
    public AwsSession Default { get; }

    /// <summary>The root every environment of the container shares; the C# facade's process-wide root while this directory lives.</summary>
    public BindingRoot Root { get; }

    /// <summary>The names of the named sessions.</summary>
    public IReadOnlyCollection<string> Names => named.Keys;

    /// <summary>The session named <paramref name="name"/> (<c>Default</c> for the default session).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No session has that name (the message lists those that do).</exception>
    public AwsSession Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return named.TryGetValue(name, out var session) ? session
            : name.Equals(SessionEffectsOptions.DefaultName, StringComparison.OrdinalIgnoreCase) ? Default
            : throw new KeyNotFoundException($"No SessionEffects session is named '{name}'; the sessions are {SessionEffectsOptions.DefaultName}{string.Concat(named.Keys.Order(StringComparer.Ordinal).Select(n => ", " + n))}.");
    }

    /// <summary>The tenant pool named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No pool has that name.</exception>
    public SessionPool<string> Pool(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return pools.TryGetValue(name, out var pool) ? pool
            : throw new KeyNotFoundException($"No SessionEffects tenant pool is named '{name}'; the pools are {(pools.Count == 0 ? "none" : string.Join(", ", pools.Keys.Order(StringComparer.Ordinal)))}.");
    }

    /// <summary>Disposes the pools and sessions this directory made and puts the process-wide settings back. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        lock (ProcessRootGate)
        {
            Live.Remove(this);

            // Only when the process root is still this one: a root configured since by someone else stays.
            if (ReferenceEquals(Sessions.ProcessRoot, Root))
            {
                Sessions.Configure(Live.Count > 0 ? Live[^1].Root : rootBeforeAny ?? Sessions.ProcessRoot);
            }
        }

        if (loggerFactory is not null && ReferenceEquals(SessionEffectsDiagnostics.LoggerFactory, loggerFactory))
        {
            SessionEffectsDiagnostics.LoggerFactory = previousLoggerFactory;
        }

        if (previousCapacity is { } capacity)
        {
            SessionEffectsDiagnostics.RecordConsumedCapacity = capacity;
        }
        foreach (var pool in pools.Values)
        {
            pool.Dispose();
        }

        for (var i = created.Count - 1; i >= 0; i--)
        {
            created[i].Dispose();
        }
    }
}

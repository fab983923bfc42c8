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
/// without the host's flow, so a request enters it itself (<c>Sessions.UseEnvironment(directory.Root)</c> in a
/// middleware). Code outside any host's flows sees the C# facade's process-wide root: the newest directory's root (one
/// default session for the container and the facade, never two); disposing a directory puts back the root from before
/// it, unless another has been configured since.
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
    // The directory made before this one, when its root was the process root then: with two hosts stopped in the order
    // they started, the second's "previous root" is the first's, already gone; disposal walks past gone ones. The one
    // static reference is part of the facade's documented process-wide root, which it manages.
    private static readonly object ProcessRootGate = new();
    private static SessionDirectory? newest;
    private readonly BindingRoot previousRoot;
    private readonly SessionDirectory? previousDirectory;
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

        // Code outside every host's flows (Program.cs after Start, a container without a host) sees the newest directory's
        // root, as before hosts had their own; a host's own flows enter their root themselves (SessionEffectsHostLifetime).
        lock (ProcessRootGate)
        {
            previousRoot = Sessions.ProcessRoot;
            previousDirectory = newest;
            newest = this;
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
            // Only when the process root is still this one: a root configured since by someone else (another host) stays.
            // What to put back is what came before this directory, skipping directories already gone (whose root and
            // logger factory are disposed): two hosts stopped in the order they started hand back the first one's "before".
            if (ReferenceEquals(Sessions.ProcessRoot, Root))
            {
                var back = this;
                while (back.previousDirectory is { disposed: 1 } gone && ReferenceEquals(back.previousRoot, gone.Root))
                {
                    back = gone;
                }

                Sessions.Configure(back.previousRoot);
            }

            if (loggerFactory is not null && ReferenceEquals(SessionEffectsDiagnostics.LoggerFactory, loggerFactory))
            {
                var back = this;
                while (back.previousDirectory is { disposed: 1 } gone && ReferenceEquals(back.previousLoggerFactory, gone.loggerFactory))
                {
                    back = gone;
                }

                SessionEffectsDiagnostics.LoggerFactory = back.previousLoggerFactory;
            }

            if (ReferenceEquals(newest, this))
            {
                var next = previousDirectory;
                while (next is { disposed: 1 })
                {
                    next = next.previousDirectory;
                }

                newest = next;
            }
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

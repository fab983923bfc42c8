using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SessionEffects;

/// <summary>The loggers of one logger factory, one per category, made once when the factory is set.</summary>
internal sealed class Loggers
{
    public Loggers(ILoggerFactory factory)
    {
        Factory = factory;
        Scopes = factory.CreateLogger("SessionEffects.Scopes");
        Sessions = factory.CreateLogger("SessionEffects.Sessions");
        Requests = factory.CreateLogger("SessionEffects.Requests");
    }

    /// <summary>Nothing is logged (the default).</summary>
    public static Loggers None { get; } = new(NullLoggerFactory.Instance);

    public ILoggerFactory Factory { get; }

    /// <summary>Session switches and resets (Debug).</summary>
    public ILogger Scopes { get; }

    /// <summary>Assumed roles and credential refreshes (Information), STS retries (Warning) and failures (Error).</summary>
    public ILogger Sessions { get; }

    /// <summary>Unprocessed items and throttling (Warning) and failed requests (Error); never one line per success.</summary>
    public ILogger Requests { get; }
}

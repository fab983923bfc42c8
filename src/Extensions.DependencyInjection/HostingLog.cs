using Microsoft.Extensions.Logging;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>The hosting package's log lines (category <c>SessionEffects.Hosting</c>); sessions appear masked.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 100, EventName = "SessionsReady", Level = LogLevel.Information,
        Message = "SessionEffects ready: default session {Default}; named sessions [{Sessions}]; tenant pools [{Pools}]")]
    public static partial void Ready(ILogger logger, object @default, string sessions, string pools);
}

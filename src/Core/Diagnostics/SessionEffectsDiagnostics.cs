using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SessionEffects;

/// <summary>
/// What SessionEffects tells the outside world, and the two switches a host sets at start-up: where logs go and whether
/// requests ask DynamoDB for their consumed capacity. Traces come from the <see cref="System.Diagnostics.ActivitySource"/>
/// named <see cref="ActivitySourceName"/>, metrics from the <see cref="System.Diagnostics.Metrics.Meter"/> named
/// <see cref="MeterName"/>; both cost nothing while nobody listens. <c>SessionEffects.Extensions.DependencyInjection</c>
/// sets both switches from the container.
/// </summary>
/// <remarks>
/// Like the facade's ambient root, these are process-wide: sessions, pools and credential refreshers live outside any
/// container, and a refresh on a timer has no caller to ask for a logger. Nothing logged, traced or measured ever holds
/// a secret access key or a session token: sessions appear as their masked description.
/// </remarks>
public static class SessionEffectsDiagnostics
{
    /// <summary>The name of the activity source: pass it to OpenTelemetry's <c>AddSource</c>.</summary>
    public const string ActivitySourceName = "SessionEffects";

    /// <summary>The name of the meter: pass it to OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "SessionEffects";

    private static bool recordConsumedCapacity;

    /// <summary>
    /// Where SessionEffects logs (categories <c>SessionEffects.Scopes</c>, <c>SessionEffects.Sessions</c>,
    /// <c>SessionEffects.Requests</c>). <see cref="NullLoggerFactory"/> until set; setting <see langword="null"/> goes back to it.
    /// </summary>
    [AllowNull]
    public static ILoggerFactory LoggerFactory
    {
        get => Log.Factory;
        set => Log.Use(value);
    }

    /// <summary>
    /// Whether DynamoDB clients created from now on ask for the capacity each request consumed
    /// (<c>ReturnConsumedCapacity = TOTAL</c>, unless a request sets its own) and report it as the
    /// <c>sessioneffects.consumed_capacity</c> metric per session label, table and operation: cost attribution per
    /// tenant or account. Off by default; set it at start-up, before the first request of a session.
    /// </summary>
    public static bool RecordConsumedCapacity
    {
        get => Volatile.Read(ref recordConsumedCapacity);
        set => Volatile.Write(ref recordConsumedCapacity, value);
    }
}

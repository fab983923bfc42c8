using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SessionEffects;

/// <summary>
/// The activity source and the meter named <see cref="SessionEffectsDiagnostics.ActivitySourceName"/> and
/// <see cref="SessionEffectsDiagnostics.MeterName"/>, their instruments, and the tag names (OpenTelemetry's database and
/// AWS conventions where one exists, <c>sessioneffects.*</c> for what is ours). Static: they outlive any container, as
/// sessions do, and an <see cref="ActivityListener"/> or <see cref="MeterListener"/> (or OpenTelemetry) subscribes by name.
/// </summary>
internal static class Telemetry
{
    public const string DbSystemName = "db.system.name";
    public const string DbSystemValue = "aws.dynamodb";
    public const string DbOperationName = "db.operation.name";
    public const string DbCollectionName = "db.collection.name";
    public const string DynamoTableNames = "aws.dynamodb.table_names";

    /// <summary>The table's logical name (its class's <c>[DynamoDBTable]</c> name), where a session's table naming made the physical one differ.</summary>
    public const string LogicalTableName = "sessioneffects.table.logical_name";
    public const string CloudRegion = "cloud.region";
    public const string CloudAccountId = "cloud.account.id";
    public const string ServerAddress = "server.address";
    public const string ErrorType = "error.type";
    public const string Session = "sessioneffects.session";
    public const string SessionLabel = "sessioneffects.session.label";
    public const string Binding = "sessioneffects.binding";
    public const string CapacityKind = "sessioneffects.capacity.kind";
    public const string PoolName = "sessioneffects.pool.name";

    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(SessionEffectsDiagnostics.ActivitySourceName, Version);

    public static readonly Meter Meter = new(SessionEffectsDiagnostics.MeterName, Version);

    /// <summary>Every request's duration; its count is the operation count. Buckets as OpenTelemetry advises for database calls.</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "sessioneffects.operation.duration",
        unit: "s",
        description: "Duration of DynamoDB operations sent through SessionEffects, per table, operation and session label.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });

    /// <summary>Every request, counted (with <see cref="ErrorType"/> when it failed).</summary>
    public static readonly Counter<long> Operations = Meter.CreateCounter<long>(
        "sessioneffects.operations", "{operation}", "DynamoDB operations sent through SessionEffects, per table, operation and session label.");

    /// <summary>Capacity units DynamoDB reported, when <see cref="SessionEffectsDiagnostics.RecordConsumedCapacity"/> is on.</summary>
    public static readonly Counter<double> ConsumedCapacity = Meter.CreateCounter<double>(
        "sessioneffects.consumed_capacity", "{capacity_unit}", "Capacity units DynamoDB consumed, per session label, table, operation and read or write.");

    /// <summary>Whether anyone listens to traces: only then is an activity started or a binding's origin looked up.</summary>
    public static bool Tracing => Source.HasListeners();

    /// <summary>Whether a request needs observing at all; when not, it runs exactly as without instrumentation.</summary>
    public static bool Observed => Source.HasListeners() || OperationDuration.Enabled || Operations.Enabled;
}

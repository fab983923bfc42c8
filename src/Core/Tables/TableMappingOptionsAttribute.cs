using System;

namespace SessionEffects;

/// <summary>
/// The DynamoDBContext settings a table class relies on, declared on the class itself (DynamoDBContext takes them per
/// context or process-wide; a SessionEffects table is one value per class, shared by every session, so they belong to
/// the class). Without this attribute a table behaves as a DynamoDBContext with its defaults (and
/// <c>IsEmptyStringValueEnabled = true</c>, see README).
/// </summary>
/// <example><code>[DynamoDBTable("orders"), TableMappingOptions(IgnoreNullValues = true)]</code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class TableMappingOptionsAttribute : Attribute
{
    /// <summary>
    /// DynamoDBContext's <c>IgnoreNullValues</c>: a save leaves the stored attribute of a null property as it is,
    /// instead of removing it. Default false (a null property removes its attribute).
    /// </summary>
    public bool IgnoreNullValues { get; set; }

    /// <summary>
    /// DynamoDBContext's <c>SkipVersionCheck</c>: saves and deletes of a <c>[DynamoDBVersion]</c> class neither check nor
    /// increment the version (the property is stored as the object holds it), and batch writes accept the class.
    /// Default false.
    /// </summary>
    public bool SkipVersionCheck { get; set; }

    /// <summary>
    /// DynamoDBContext's <c>RetrieveDateTimeInUtc</c>: reads give <see cref="DateTime"/> values in UTC (true, the
    /// default) or converted to the machine's local time (false; the SDK's path maps the class then).
    /// </summary>
    public bool RetrieveDateTimeInUtc { get; set; } = true;
}

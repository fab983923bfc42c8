using System;
using System.Collections.Generic;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// Everything <c>AddSessionEffects</c> registers, bound from a configuration section (<c>"SessionEffects"</c>) or set in
/// code: the default session, named sessions, tenant pools and whether requests record their consumed capacity.
/// </summary>
/// <remarks>
/// <code>
/// "SessionEffects": {
///   "Default":  { "Profile": "app", "Region": "eu-west-1" },
///   "Sessions": {
///     "project": { "SourceSession": "Default", "RoleArn": "arn:aws:iam::123456789012:role/Project", "ExternalId": "x" }
///   },
///   "Pools":    { "tenants": { "RoleArn": "arn:aws:iam::123456789012:role/Tenant", "Capacity": 1000 } },
///   "RecordConsumedCapacity": true
/// }
/// </code>
/// </remarks>
public sealed class SessionEffectsOptions
{
    /// <summary>The name that refers to the default session (as a <see cref="SessionSettings.SourceSession"/>).</summary>
    public const string DefaultName = "Default";

    /// <summary>The default session; the SDK's default chain (and region chain) when absent.</summary>
    public SessionSettings? Default { get; set; }

    /// <summary>Named sessions, injected as <c>[FromKeyedServices("name")] AwsSession</c>. Names compare ignoring case, as configuration keys do.</summary>
    public Dictionary<string, SessionSettings> Sessions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tenant pools, injected as <c>[FromKeyedServices("name")] SessionPool&lt;string&gt;</c>.</summary>
    public Dictionary<string, TenantPoolSettings> Pools { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets <see cref="SessionEffectsDiagnostics.RecordConsumedCapacity"/> while the container lives.</summary>
    public bool RecordConsumedCapacity { get; set; }

    /// <summary>Where these options came from, for error messages (<c>SessionEffects</c>, or the section's path).</summary>
    internal string Path { get; set; } = "SessionEffects";

    /// <summary>What was wrong with the configuration itself (secrets, unknown keys), found before binding.</summary>
    internal List<string> ConfigurationProblems { get; } = [];
}

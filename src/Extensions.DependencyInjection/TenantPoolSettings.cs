using System;
using System.Collections.Generic;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// A tenant pool from configuration (<c>SessionEffects:Pools:NAME</c>): a <see cref="SessionPool{TKey}"/> of string
/// tenant keys whose sessions assume <see cref="RoleArn"/> from <see cref="SourceSession"/>, with the tenant as a session
/// tag and, when <see cref="TableArns"/> are given, <see cref="TenantPolicy.ForTenant"/> as the session policy.
/// Injected as <c>[FromKeyedServices("NAME")] SessionPool&lt;string&gt;</c>.
/// </summary>
public sealed class TenantPoolSettings
{
    /// <summary>The session the tenants' roles are assumed from: <c>Default</c> (the default) or one of <c>Sessions</c>.</summary>
    public string SourceSession { get; set; } = SessionEffectsOptions.DefaultName;

    /// <summary>The tenant role. Required.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The external id the tenant role's trust policy asks for.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The start of each tenant's role session name (the tenant key follows, cut to 64 characters). Default <c>tenant-</c>.</summary>
    public string RoleSessionNamePrefix { get; set; } = "tenant-";

    /// <summary>The session tag that carries the tenant key (<c>${aws:PrincipalTag/tenant}</c>); empty for none. Default <c>tenant</c>.</summary>
    public string TagKey { get; set; } = "tenant";

    /// <summary>How long each tenant's credentials last; STS's default when absent.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Tables (ARNs) whose items a tenant's session may touch only under its own partition keys; no session policy when empty.</summary>
    public List<string> TableArns { get; set; } = [];

    /// <summary>Put before every table name a tenant's session reaches; <c>{tenant}</c> stands for the tenant key (<c>{tenant}_</c>: <c>acme_orders</c>).</summary>
    public string? TableNamePrefix { get; set; }

    /// <summary>Put after every table name a tenant's session reaches; <c>{tenant}</c> stands for the tenant key.</summary>
    public string? TableNameSuffix { get; set; }

    /// <summary>Explicit physical names by logical name for every tenant (<c>{tenant}</c> stands for the tenant key); used as they are.</summary>
    public Dictionary<string, string> TableAliases { get; set; } = [];

    /// <summary>At most this many tenants are cached. Default 1,000.</summary>
    public int Capacity { get; set; } = 1_000;

    /// <summary>At most this many AssumeRole calls in flight. Default 8.</summary>
    public int MaxConcurrentAssumeRoles { get; set; } = 8;

    /// <summary>How many times one tenant's AssumeRole is tried before its request fails; the pool's default (6) when absent.</summary>
    public int? AssumeRoleAttempts { get; set; }

    /// <summary>The first retry's backoff (<c>00:00:00.100</c>), doubled per attempt; the pool's default when absent.</summary>
    public TimeSpan? RetryBaseDelay { get; set; }

    /// <summary>The longest backoff between two attempts (<c>00:00:05</c>); the pool's default when absent.</summary>
    public TimeSpan? RetryMaxDelay { get; set; }

    /// <summary>How long an evicted tenant's session stays usable by requests that still hold it (<c>00:00:10</c>); the pool's default when absent.</summary>
    public TimeSpan? HandOutGrace { get; set; }

    /// <summary>How long before a tenant's credentials expire a background refresh starts; the core's default when absent.</summary>
    public TimeSpan? RefreshBeforeExpiry { get; set; }
}

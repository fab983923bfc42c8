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
}

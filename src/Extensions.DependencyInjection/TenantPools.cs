using System;
using System.Collections.Generic;
using System.Linq;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>Makes the tenant pools of <see cref="SessionEffectsOptions.Pools"/>, each on its named source session.</summary>
internal static class TenantPools
{
    private const int MaxSessionName = 64;

    public static Dictionary<string, SessionPool<string>> Build(SessionEffectsOptions options, SessionBuilder sessions, List<string> problems)
    {
        var pools = new Dictionary<string, SessionPool<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, settings) in options.Pools)
        {
            var key = $"{options.Path}:Pools:{name}";
            if (!Check(key, settings, problems) || sessions.Get(settings.SourceSession, $"{key}:{nameof(TenantPoolSettings.SourceSession)}") is not { } source)
            {
                continue;
            }

            var tables = settings.TableArns.ToArray();
            pools[name] = new SessionPool<string>(
                tenant => source.AssumeRole(new AssumeRoleOptions(settings.RoleArn!)
                {
                    SessionName = SessionName(settings.RoleSessionNamePrefix, tenant),
                    ExternalId = settings.ExternalId,
                    Duration = settings.Duration,
                    Tags = settings.TagKey.Length == 0 ? null : new Dictionary<string, string>(StringComparer.Ordinal) { [settings.TagKey] = tenant },
                    Policy = tables.Length == 0 ? null : TenantPolicy.ForTenant(tenant, tables),
                    RefreshBeforeExpiry = settings.RefreshBeforeExpiry,
                    TableNames = HostedTableNames.ForTenant(settings, tenant),
                }),
                Options(name, settings));
        }

        return pools;
    }

    /// <summary>The pool's options: the settings given, the core's defaults for the others.</summary>
    internal static SessionPoolOptions Options(string name, TenantPoolSettings settings)
    {
        var defaults = new SessionPoolOptions();
        return defaults with
        {
            Name = name,
            Capacity = settings.Capacity,
            MaxConcurrentAssumeRoles = settings.MaxConcurrentAssumeRoles,
            AssumeRoleAttempts = settings.AssumeRoleAttempts ?? defaults.AssumeRoleAttempts,
            RetryBaseDelay = settings.RetryBaseDelay ?? defaults.RetryBaseDelay,
            RetryMaxDelay = settings.RetryMaxDelay ?? defaults.RetryMaxDelay,
            HandOutGrace = settings.HandOutGrace ?? defaults.HandOutGrace,
        };
    }

    /// <summary>
    /// A role session name STS accepts (2 to 64 of <c>[\w+=,.@-]</c>): other characters become <c>-</c>. It is also the
    /// tenant's label in metrics, so keep tenant keys free of anything that must not be exported.
    /// </summary>
    private static string SessionName(string prefix, string tenant)
    {
        var name = new string([.. (prefix + tenant).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-' ? c : '-')]);
        return name.Length switch
        {
            < 2 => name.PadRight(2, '-'),
            > MaxSessionName => name[..MaxSessionName],
            _ => name,
        };
    }

    private static bool Check(string key, TenantPoolSettings settings, List<string> problems)
    {
        var before = problems.Count;
        if (settings.RoleArn is not { } arn || !(arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":role/", StringComparison.Ordinal)))
        {
            problems.Add($"{key}:{nameof(TenantPoolSettings.RoleArn)}: a tenant pool needs the tenant role's ARN (arn:aws:iam::123456789012:role/Name); it was '{settings.RoleArn}'.");
        }

        HostedTableNames.CheckPool(key, settings, problems);
        if (settings.Capacity < 1)
        {
            problems.Add($"{key}:{nameof(TenantPoolSettings.Capacity)}: {settings.Capacity} is below 1.");
        }

        if (settings.MaxConcurrentAssumeRoles < 1)
        {
            problems.Add($"{key}:{nameof(TenantPoolSettings.MaxConcurrentAssumeRoles)}: {settings.MaxConcurrentAssumeRoles} is below 1.");
        }

        if (settings.AssumeRoleAttempts is < 1)
        {
            problems.Add($"{key}:{nameof(TenantPoolSettings.AssumeRoleAttempts)}: {settings.AssumeRoleAttempts} is below 1.");
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(TenantPoolSettings.RetryBaseDelay), settings.RetryBaseDelay), (nameof(TenantPoolSettings.RetryMaxDelay), settings.RetryMaxDelay),
            (nameof(TenantPoolSettings.HandOutGrace), settings.HandOutGrace), (nameof(TenantPoolSettings.RefreshBeforeExpiry), settings.RefreshBeforeExpiry),
        })
        {
            if (value < TimeSpan.Zero)
            {
                problems.Add($"{key}:{setting}: {value} is negative.");
            }
        }

        var defaults = new SessionPoolOptions();
        if ((settings.RetryBaseDelay is not null || settings.RetryMaxDelay is not null)
            && (settings.RetryMaxDelay ?? defaults.RetryMaxDelay) is var most && (settings.RetryBaseDelay ?? defaults.RetryBaseDelay) is var first && most < first)
        {
            problems.Add($"{key}:{nameof(TenantPoolSettings.RetryMaxDelay)}: {most} is below {nameof(TenantPoolSettings.RetryBaseDelay)} {first}.");
        }

        if (settings.Duration is { } d && (d < TimeSpan.FromMinutes(15) || d > TimeSpan.FromHours(12)))
        {
            problems.Add($"{key}:{nameof(TenantPoolSettings.Duration)}: {d} is outside STS's range of 15 minutes to 12 hours.");
        }

        return problems.Count == before;
    }
}

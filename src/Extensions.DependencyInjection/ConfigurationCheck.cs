using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// Reads the keys (never the values) of a <c>SessionEffects</c> section before it is bound: a key that names a secret
/// (an access key, a secret key, a session token, a password) is refused — secrets belong in profiles or the SDK's
/// credential chain, not in files that are checked in, copied and printed — and a key SessionEffects does not know is
/// reported rather than silently ignored (a typo in <c>RoleArn</c> would otherwise mean "no role").
/// </summary>
internal static class ConfigurationCheck
{
    private static readonly HashSet<string> SecretNames = new(StringComparer.Ordinal)
    {
        "accesskey", "accesskeyid", "awsaccesskeyid", "secretkey", "secretaccesskey", "awssecretaccesskey", "secret",
        "sessiontoken", "awssessiontoken", "securitytoken", "token", "password", "credentials",
    };

    private static readonly HashSet<string> RootKeys = Names(nameof(SessionEffectsOptions.Default), nameof(SessionEffectsOptions.Sessions), nameof(SessionEffectsOptions.Pools), nameof(SessionEffectsOptions.RecordConsumedCapacity));

    private static readonly HashSet<string> SessionKeys = Names(
        nameof(SessionSettings.Profile), nameof(SessionSettings.ProfilesLocation), nameof(SessionSettings.Region), nameof(SessionSettings.Endpoint),
        nameof(SessionSettings.StsEndpoint), nameof(SessionSettings.SourceSession), nameof(SessionSettings.RoleArn), nameof(SessionSettings.ExternalId),
        nameof(SessionSettings.RoleSessionName), nameof(SessionSettings.Duration), nameof(SessionSettings.Tags), nameof(SessionSettings.Policy),
        nameof(SessionSettings.PolicyArns), nameof(SessionSettings.SourceIdentity), nameof(SessionSettings.StsRegion), nameof(SessionSettings.Label),
        nameof(SessionSettings.RefreshBeforeExpiry),
        nameof(SessionSettings.TableNamePrefix), nameof(SessionSettings.TableNameSuffix), nameof(SessionSettings.TableAliases));

    private static readonly HashSet<string> PoolKeys = Names(
        nameof(TenantPoolSettings.SourceSession), nameof(TenantPoolSettings.RoleArn), nameof(TenantPoolSettings.ExternalId),
        nameof(TenantPoolSettings.RoleSessionNamePrefix), nameof(TenantPoolSettings.TagKey), nameof(TenantPoolSettings.Duration),
        nameof(TenantPoolSettings.TableArns), nameof(TenantPoolSettings.Capacity), nameof(TenantPoolSettings.MaxConcurrentAssumeRoles),
        nameof(TenantPoolSettings.AssumeRoleAttempts), nameof(TenantPoolSettings.RetryBaseDelay), nameof(TenantPoolSettings.RetryMaxDelay),
        nameof(TenantPoolSettings.HandOutGrace), nameof(TenantPoolSettings.RefreshBeforeExpiry),
        nameof(TenantPoolSettings.TableNamePrefix), nameof(TenantPoolSettings.TableNameSuffix), nameof(TenantPoolSettings.TableAliases));

    /// <summary>
    /// Every problem with the keys, each naming the full key. A whole configuration (not a section) holds the
    /// application's other settings beside SessionEffects', so there only the SessionEffects keys (<c>Default</c>,
    /// <c>Sessions</c>, <c>Pools</c>) are checked, and what lies below them.
    /// </summary>
    public static List<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        var wholeConfiguration = configuration is not IConfigurationSection;
        foreach (var child in configuration.GetChildren())
        {
            if (!RootKeys.Contains(child.Key))
            {
                // The application's own settings beside ours are not ours to judge (nor read).
                if (!wholeConfiguration)
                {
                    problems.Add(IsSecret(child.Key) ? SecretProblem(child.Path) : Unknown(child.Path, RootKeys));
                }
            }
            else if (child.Key.Equals(nameof(SessionEffectsOptions.Default), StringComparison.OrdinalIgnoreCase))
            {
                CheckSession(child, problems);
            }
            else if (child.Key.Equals(nameof(SessionEffectsOptions.Sessions), StringComparison.OrdinalIgnoreCase))
            {
                foreach (var session in child.GetChildren())
                {
                    CheckSession(session, problems);
                }
            }
            else if (child.Key.Equals(nameof(SessionEffectsOptions.Pools), StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pool in child.GetChildren())
                {
                    CheckKeys(pool, PoolKeys, problems);
                }
            }
        }

        return problems;
    }

    private static void CheckSession(IConfigurationSection session, List<string> problems) => CheckKeys(session, SessionKeys, problems);

    private static void CheckKeys(IConfigurationSection section, HashSet<string> known, List<string> problems)
    {
        foreach (var key in section.GetChildren())
        {
            if (IsSecret(key.Key))
            {
                problems.Add(SecretProblem(key.Path));
            }
            else if (!known.Contains(key.Key))
            {
                problems.Add(Unknown(key.Path, known));
            }
        }
    }

    private static bool IsSecret(string key) =>
        SecretNames.Contains(new string([.. key.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]));

    private static string SecretProblem(string path) =>
        $"{path}: secrets do not belong in configuration (it is checked in, copied and printed); name a profile (Profile, " +
        "and ProfilesLocation if the file is not the SDK's) or leave credentials to the SDK's default chain (environment " +
        "variables, SSO, a container or instance role). The value was not read.";

    private static string Unknown(string path, HashSet<string> known) =>
        $"{path}: not a SessionEffects setting; expected one of {string.Join(", ", known.Order(StringComparer.Ordinal))}.";

    private static HashSet<string> Names(params string[] names) => new(names, StringComparer.OrdinalIgnoreCase);
}

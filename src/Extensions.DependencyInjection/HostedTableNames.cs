using System;
using System.Collections.Generic;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// The table naming of a configured session or pool (<c>TableNamePrefix</c>, <c>TableNameSuffix</c>,
/// <c>TableAliases</c>), made and checked at start-up; every problem is reported under the key that caused it.
/// In a pool's settings <c>{tenant}</c> stands for the tenant key (<c>"TableNamePrefix": "{tenant}_"</c>).
/// </summary>
internal static class HostedTableNames
{
    /// <summary>What a pool's <c>{tenant}</c> is replaced by when the settings are checked at start-up.</summary>
    private const string SampleTenant = "tenant";

    /// <summary>The naming the settings describe (<see cref="TableNames.None"/> for none), or null after reporting problems.</summary>
    public static TableNames? From(string key, string? prefix, string? suffix, IReadOnlyDictionary<string, string> aliases, List<string> problems, string? tenant = null)
    {
        var names = TableNames.None;
        string Fill(string text) => tenant is null ? text : text.Replace("{tenant}", tenant, StringComparison.Ordinal);
        var before = problems.Count;
        names = Try(key, "TableNamePrefix", prefix, names, (n, p) => n.WithPrefix(Fill(p)), problems);
        names = Try(key, "TableNameSuffix", suffix, names, (n, p) => n.WithSuffix(Fill(p)), problems);
        foreach (var (logical, physical) in aliases)
        {
            names = Try(key, "TableAliases:" + logical, physical, names, (n, p) => n.WithAlias(logical, Fill(p)), problems);
        }

        return problems.Count == before ? names : null;
    }

    /// <summary>Checks a pool's naming at start-up with a sample tenant key; true when it can be made.</summary>
    public static bool CheckPool(string key, TenantPoolSettings settings, List<string> problems) =>
        From(key, settings.TableNamePrefix, settings.TableNameSuffix, settings.TableAliases, problems, SampleTenant) is not null;

    /// <summary>The naming of one tenant of a pool (its key in place of <c>{tenant}</c>); null when the pool has none.</summary>
    /// <exception cref="SessionConfigurationException">The tenant key makes an illegal name.</exception>
    public static TableNames? ForTenant(TenantPoolSettings settings, string tenant)
    {
        if (string.IsNullOrEmpty(settings.TableNamePrefix) && string.IsNullOrEmpty(settings.TableNameSuffix) && settings.TableAliases.Count == 0)
        {
            return null;
        }

        var problems = new List<string>();
        return From("pool", settings.TableNamePrefix, settings.TableNameSuffix, settings.TableAliases, problems, tenant)
            ?? throw new SessionConfigurationException($"The table naming of tenant '{tenant}' is not legal: {string.Join(" ", problems)}");
    }

    private static TableNames Try(string key, string setting, string? value, TableNames names, Func<TableNames, string, TableNames> apply, List<string> problems)
    {
        // An empty value in configuration means "none", as an absent one does.
        if (string.IsNullOrEmpty(value))
        {
            return names;
        }

        try
        {
            return apply(names, value);
        }
        catch (SessionConfigurationException ex)
        {
            problems.Add($"{key}:{setting}: {ex.Message}");
            return names;
        }
    }
}

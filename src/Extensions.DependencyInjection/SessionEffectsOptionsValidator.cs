using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// Checks <see cref="SessionEffectsOptions"/> at start-up (<c>ValidateOnStart</c>): the configuration's keys (secrets,
/// unknown keys), then every session and pool built on trial (building talks to nobody; a profile's files are read) and
/// disposed. Each failure names its configuration key. The options are made and checked once: the directory reads the
/// same instance through <c>IOptionsMonitor</c>.
/// </summary>
internal sealed class SessionEffectsOptionsValidator : IValidateOptions<SessionEffectsOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SessionEffectsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ConfigurationProblems.Count > 0)
        {
            // Nothing is built from a section that holds secrets or unknown keys.
            return ValidateOptionsResult.Fail(options.ConfigurationProblems);
        }

        var builder = new SessionBuilder(options);
        var problems = new List<string>();
        try
        {
            builder.BuildAll();
            var pools = TenantPools.Build(options, builder, problems);
            foreach (var pool in pools.Values)
            {
                pool.Dispose();
            }
        }
        finally
        {
            builder.DisposeAll();
        }

        problems.InsertRange(0, builder.Problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

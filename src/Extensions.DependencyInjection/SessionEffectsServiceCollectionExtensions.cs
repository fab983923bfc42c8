using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionEffects;
using SessionEffects.Extensions.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers SessionEffects with a service collection, the way <c>AddDefaultAWSOptions</c> / <c>AddAWSService</c> do for
/// the AWS SDK: sessions from a configuration section (<c>"SessionEffects"</c>, beside the SDK's <c>"AWS"</c>) or code.
/// </summary>
public static class SessionEffectsServiceCollectionExtensions
{
    /// <summary>
    /// Registers sessions from a configuration section: the default session (<see cref="AwsSession"/>), named sessions as
    /// keyed services (<c>[FromKeyedServices("project")] AwsSession</c>), tenant pools
    /// (<c>[FromKeyedServices("tenants")] SessionPool&lt;string&gt;</c>), the <see cref="BindingRoot"/> (also the C# facade's
    /// process-wide root) and the <see cref="SessionDirectory"/> that owns them. The section is checked when the host
    /// starts: a secret or an unknown key, a missing profile or a malformed role fails start-up naming the key.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, usually <c>configuration.GetSection("SessionEffects")</c>.</param>
    /// <param name="configure">Changes in code after binding (credentials you bring, client configuration hooks).</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IServiceCollection AddSessionEffects(this IServiceCollection services, IConfiguration configuration, Action<SessionEffectsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SessionEffectsOptions>().Configure(options =>
        {
            if (configuration is IConfigurationSection section)
            {
                options.Path = section.Path;
            }

            options.ConfigurationProblems.AddRange(ConfigurationCheck.Problems(configuration));

            if (options.ConfigurationProblems.Count == 0)
            {
                configuration.Bind(options);
            }

            configure?.Invoke(options);
        });
        return AddCore(services);
    }

    /// <summary>
    /// Registers sessions set in code (the same registrations as the configuration overload): for example
    /// <c>o.Default = new() { Profile = "app" }; o.Sessions["project"] = new() { SourceSession = "Default", RoleArn = … };</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddSessionEffects(this IServiceCollection services, Action<SessionEffectsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SessionEffectsOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers a tenant pool made in code as <c>[FromKeyedServices(name)] SessionPool&lt;TKey&gt;</c>, disposed with the
    /// container. Its metrics carry <paramref name="name"/> as <c>sessioneffects.pool.name</c>.
    /// </summary>
    /// <typeparam name="TKey">The tenant key.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The pool's name (service key and metrics name).</param>
    /// <param name="factory">Given the container, makes the pool's session factory (typically from an injected source session).</param>
    /// <param name="options">Capacity and STS limits; the defaults when null.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddSessionPool<TKey>(
        this IServiceCollection services, string name, Func<IServiceProvider, Func<TKey, AwsSession>> factory, SessionPoolOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddKeyedSingleton(name, (sp, _) => new SessionPool<TKey>(factory(sp), (options ?? new SessionPoolOptions()) with { Name = name }));
        return services;
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        // The SDK's "AWS" section is the default session when SessionEffects' own options give none.
        services.AddOptions<SessionEffectsOptions>().PostConfigure<IServiceProvider>((options, sp) => SdkAwsSection.Apply(options, sp.GetService<IConfiguration>())).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionEffectsOptions>, SessionEffectsOptionsValidator>());
        services.TryAddSingleton(sp => new SessionDirectory(sp.GetRequiredService<IOptionsMonitor<SessionEffectsOptions>>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<SessionDirectory>().Root);
        services.TryAddSingleton(sp => sp.GetRequiredService<SessionDirectory>().Default);

        // Any key: the names come from configuration, known only when the options are built.
        services.TryAddKeyedSingleton(KeyedService.AnyKey, (sp, key) => sp.GetRequiredService<SessionDirectory>().Get(KeyName(key)));
        services.TryAddKeyedSingleton(KeyedService.AnyKey, (sp, key) => sp.GetRequiredService<SessionDirectory>().Pool(KeyName(key)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionEffectsLifetime>());
        SessionEffectsHostLifetime.Decorate(services);
        return services;
    }

    private static string KeyName(object? key) =>
        key as string ?? throw new KeyNotFoundException($"SessionEffects sessions and pools are keyed by name (a string); the key was {key?.GetType().Name ?? "null"}.");
}

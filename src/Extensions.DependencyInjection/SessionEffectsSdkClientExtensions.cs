using System;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionEffects;
using SessionEffects.Extensions.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the AWS SDK's <see cref="IAmazonDynamoDB"/> backed by SessionEffects' sessions, so SDK code next to
/// SessionEffects uses the same client (one per account, the session's own cached client) instead of a second one
/// with its own connection pool and credentials.
/// </summary>
public static class SessionEffectsSdkClientExtensions
{
    /// <summary>
    /// Registers <see cref="IAmazonDynamoDB"/> as the default session's <see cref="AwsSession.DynamoDB"/> client, and
    /// <c>[FromKeyedServices("name")] IAmazonDynamoDB</c> as each named session's. Opt-in, and only when nothing registered
    /// <see cref="IAmazonDynamoDB"/> before (an application that also calls <c>AddAWSService&lt;IAmazonDynamoDB&gt;()</c>
    /// keeps its own). The clients belong to the sessions: disposing them is the sessions' job (the container's own
    /// disposal of them at shutdown comes after the sessions' and is a no-op).
    /// </summary>
    /// <param name="services">The service collection (<c>AddSessionEffects</c> registered).</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddSessionEffectsDynamoDBClients(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => sp.GetRequiredService<SessionDirectory>().Default.DynamoDB);
        services.TryAddKeyedSingleton(KeyedService.AnyKey, (sp, key) =>
            sp.GetRequiredService<SessionDirectory>().Get(key as string ?? throw new InvalidOperationException("SessionEffects' DynamoDB clients are keyed by session name (a string).")).DynamoDB);
        return services;
    }
}

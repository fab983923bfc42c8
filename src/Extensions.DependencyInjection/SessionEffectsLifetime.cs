using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// Ties the <see cref="SessionDirectory"/> to the host: built when the host starts (after the options were validated),
/// so the facade's root and the logger are the container's before the application's own services run; disposed when
/// the host stops (the container disposes it too, which is then a no-op).
/// </summary>
internal sealed class SessionEffectsLifetime : IHostedService
{
    private readonly IServiceProvider services;

    public SessionEffectsLifetime(IServiceProvider services) => this.services = services;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(SessionDirectory));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        (services.GetService(typeof(SessionDirectory)) as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SessionEffects.Extensions.DependencyInjection;

/// <summary>
/// Wraps the host's own <see cref="IHostLifetime"/> so that the host's flows see the container's root. The host awaits
/// <see cref="WaitForStartAsync"/> inside its own <c>StartAsync</c> before it validates options and starts any hosted
/// service; the root entered here, synchronously, is an <c>AsyncLocal</c> value of that flow, so every hosted service's
/// <c>StartAsync</c> and every <c>BackgroundService.ExecuteAsync</c> inherits it — whether the services start one after
/// the other or concurrently (<c>HostOptions.ServicesStartConcurrently</c>) — while the code that called
/// <c>StartAsync</c> does not (an async method gives its caller back its own context).
/// </summary>
internal sealed class SessionEffectsHostLifetime : IHostLifetime
{
    private readonly IHostLifetime inner;
    private readonly IServiceProvider services;

    public SessionEffectsHostLifetime(IHostLifetime inner, IServiceProvider services) => (this.inner, this.services) = (inner, services);

    /// <inheritdoc/>
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        // Not disposed on purpose: the scope belongs to the host's flows for as long as they run.
        _ = CSharp.Sessions.UseEnvironment(services.GetRequiredService<SessionDirectory>().Root);
        return inner.WaitForStartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    /// <summary>Replaces the last <see cref="IHostLifetime"/> registration with itself around it; nothing when there is none.</summary>
    internal static void Decorate(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostLifetime) || descriptor.IsKeyedService)
            {
                continue;
            }

            if (descriptor.ImplementationFactory?.Target is Marker)
            {
                return;
            }

            services[i] = ServiceDescriptor.Describe(
                typeof(IHostLifetime), new Marker(descriptor).Create, descriptor.Lifetime);
            return;
        }
    }

    /// <summary>Builds the wrapped lifetime from its original descriptor; also marks a registration already wrapped.</summary>
    private sealed class Marker(ServiceDescriptor original)
    {
        public object Create(IServiceProvider sp)
        {
            var lifetime = (IHostLifetime)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            return new SessionEffectsHostLifetime(lifetime, sp);
        }
    }
}

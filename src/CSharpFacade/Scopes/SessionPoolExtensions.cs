using System;
using System.Threading;

namespace SessionEffects.CSharp;

/// <summary>
/// Tenant pools in <c>using</c> scopes: <c>await using var scope = await pool.UseTenantAsync(table, tenant, ct);</c>
/// per request (nothing blocks a thread), or <c>using (pool.UseTenant(table, tenant)) { … }</c>.
/// </summary>
public static class SessionPoolExtensions
{
    /// <summary>
    /// The form to use per request: binds <paramref name="table"/> to the tenant's pooled session for the code after the
    /// <c>await</c> (a restore scope, as <see cref="Sessions.UseSession"/>) with the session found, made on the tenant's
    /// first use, and its credentials fetched — all without blocking a thread: concurrent first requests of many new
    /// tenants wait for STS asynchronously, through the pool's STS gate. The session is leased in the same step as the
    /// lookup and until the scope is disposed, so the pool never disposes it under the scope.
    /// </summary>
    /// <param name="pool">The tenant pool.</param>
    /// <param name="table">The table to switch.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the shared creation and fetch go on for other callers.</param>
    /// <returns>Await it once, right away; the result is the open scope: dispose it in the same method (<c>await using</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/>, <paramref name="table"/> or <paramref name="tenant"/> is null.</exception>
    /// <exception cref="SessionPoolException">The pool's factory threw or returned no usable session (the message names the tenant).</exception>
    /// <exception cref="Amazon.SecurityToken.AmazonSecurityTokenServiceException">STS refused the role (after retries for throttling).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public static TenantScopeOpening UseTenantAsync<TKey>(this SessionPool<TKey> pool, DynamoTable table, TKey tenant, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(tenant);
        return new TenantScopeOpening(pool.LeaseAsync(tenant, cancellationToken), table);
    }

    /// <summary>
    /// Binds <paramref name="table"/> to the tenant's pooled session for the code inside the <c>using</c> block (a
    /// restore scope, as <see cref="Sessions.UseSession"/>), made on the tenant's first use. The session is leased in
    /// the same step as the lookup and until the scope is disposed, so the pool never disposes it under the scope.
    /// Credentials are fetched by the first request, asynchronously. It never waits for STS; a tenant's first use runs the
    /// pool's factory on this thread (which is why the factory must not do I/O), and a request that finds another one
    /// making the same tenant's session waits for that factory call. Prefer <see cref="UseTenantAsync"/>.
    /// </summary>
    /// <param name="pool">The tenant pool.</param>
    /// <param name="table">The table to switch.</param>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The scope; dispose it (a <c>using</c> statement does) in the method that opened it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/>, <paramref name="table"/> or <paramref name="tenant"/> is null.</exception>
    /// <exception cref="SessionPoolException">The pool's factory threw or returned no usable session (the message names the tenant).</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public static SessionScope UseTenant<TKey>(this SessionPool<TKey> pool, DynamoTable table, TKey tenant)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(tenant);
        return SessionScope.Enter(table, pool.Lease(tenant));
    }
}

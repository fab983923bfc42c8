using System;

namespace SessionEffects.CSharp;

/// <summary>Tenant pools in <c>using</c> scopes: <c>using (pool.UseTenant(table, tenant)) { … }</c>.</summary>
public static class SessionPoolExtensions
{
    /// <summary>
    /// Binds <paramref name="table"/> to the tenant's pooled session for the code inside the <c>using</c> block (a
    /// restore scope, as <see cref="Sessions.UseSession"/>), made on the tenant's first use. The session is leased in
    /// the same step as the lookup and until the scope is disposed, so the pool never disposes it under the scope.
    /// Credentials are fetched by the first request (<see cref="SessionPool{TKey}.GetAsync"/> fetches them ahead).
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

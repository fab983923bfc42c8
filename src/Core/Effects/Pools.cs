using System;
using System.Diagnostics.Contracts;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// Tenant pools (<see cref="SessionPool{TKey}"/>) as effects. Open it with <c>using static SessionEffects.Pools;</c>.
/// <see cref="useTenant{K, A}"/> is the form to prefer: it leases the tenant's session for the whole body, so the pool
/// never disposes it under the body, however long the body runs.
/// </summary>
public static class Pools
{
    /// <summary>
    /// The tenant's session with its credentials fetched (<see cref="SessionPool{TKey}.GetAsync"/>), using the
    /// environment's cancellation token. The session is not leased: use it right away (each table operation leases it
    /// while it runs; between operations the pool's grace period protects it), or use <see cref="useTenant{K, A}"/>.
    /// </summary>
    /// <param name="pool">The pool.</param>
    /// <param name="key">The tenant.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/> or <paramref name="key"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, AwsSession> pooledSession<K>(SessionPool<K> pool, K key)
        where K : notnull
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(key);
        return Dynamo.withEnv((_, ct) => pool.GetAsync(key, ct));
    }

    /// <summary>
    /// Runs <paramref name="body"/> with <paramref name="table"/> bound to the tenant's session (a restore scope, as
    /// <see cref="Scope.useSession{A}"/>), its credentials fetched first, and the session leased for the whole body.
    /// </summary>
    /// <param name="pool">The pool.</param>
    /// <param name="table">The table to switch.</param>
    /// <param name="key">The tenant.</param>
    /// <param name="body">The effect to run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pool"/>, <paramref name="table"/> or <paramref name="key"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, A> useTenant<K, A>(SessionPool<K> pool, DynamoTable table, K key, Aff<SessionEnv, A> body)
        where K : notnull
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        return LanguageExt.Aff<SessionEnv, A>.EffectMaybe(async env =>
        {
            SessionLease lease;
            try
            {
                lease = await pool.LeaseAsync(key, env.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                return FinFail<A>(LanguageExt.Common.Error.New(ex));
            }

            using (lease)
            {
                return await Scope.useSession(table, lease.Session, body).Run(env).ConfigureAwait(false);
            }
        });
    }
}

namespace SessionEffects.FSharp

open System
open System.Threading
open System.Threading.Tasks
open LanguageExt
open SessionEffects

/// Tenant pools for F#: one session per tenant, made on first use and cached (`SessionPool<'k>`). `useTenant` takes
/// the body last, so it pipes: `body |> Pool.useTenant users pool tenant`.
[<RequireQualifiedAccess>]
module Pool =

    /// A pool with these options; `factory` makes a tenant's session on its first use (a new session every time,
    /// typically `source.AssumeRole(...)` with the tenant's tags and session policy). The pool owns the sessions.
    let create (options: SessionPoolOptions) (factory: 'k -> AwsSession) : SessionPool<'k> =
        new SessionPool<'k>(Func<'k, AwsSession> factory, options)

    /// A pool with the default options except its capacity.
    let withCapacity (capacity: int) (factory: 'k -> AwsSession) : SessionPool<'k> =
        create (SessionPoolOptions(Capacity = capacity)) factory

    /// The tenant's session with its credentials fetched, as an effect. Not leased: use it right away, or prefer
    /// `useTenant`, which leases it for the whole body.
    let session (pool: SessionPool<'k>) (key: 'k) : Aff<SessionEnv, AwsSession> = Pools.pooledSession (pool, key)

    /// Runs `body` with `table` bound to the tenant's session (restored afterwards), its credentials fetched first and
    /// the session leased for the whole body, so the pool never disposes it under the body.
    let useTenant (table: DynamoTable) (pool: SessionPool<'k>) (key: 'k) (body: Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'a> =
        Pools.useTenant (pool, table, key, body)

    /// The tenant's session with its credentials fetched, as a Task.
    let getAsync (pool: SessionPool<'k>) (key: 'k) (cancellationToken: CancellationToken) : Task<AwsSession> =
        pool.GetAsync(key, cancellationToken)

    /// A snapshot of the pool's counters (hits, misses, evictions, AssumeRole calls and failures).
    let statistics (pool: SessionPool<'k>) : SessionPoolStatistics = pool.Statistics

using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;

namespace SessionEffects;

/// <summary>
/// The tenant pools' counters as observable instruments of the <c>SessionEffects</c> meter, read from each pool's
/// <see cref="SessionPool{TKey}.Statistics"/> snapshot when a listener collects (nothing is counted twice, nothing runs
/// between collections): <c>sessioneffects.pool.hits</c>, <c>.misses</c>, <c>.evictions</c>,
/// <c>.assume_role.calls</c>, <c>.assume_role.retries</c>, <c>.assume_role.failures</c> (counters) and
/// <c>.sessions</c> (sessions alive: an up-down counter), each tagged with <c>sessioneffects.pool.name</c>. Pools are
/// held weakly: one that is dropped without <see cref="SessionPool{TKey}.Dispose"/> stops being reported when collected.
/// </summary>
internal static class SessionPoolMetrics
{
    private static readonly Lock Gate = new();
    private static readonly List<WeakReference<IObservedPool>> Observed = [];
    private static int instrumentsCreated;

    /// <summary>Starts reporting <paramref name="pool"/>.</summary>
    public static void Register(IObservedPool pool)
    {
        if (Interlocked.Exchange(ref instrumentsCreated, 1) == 0)
        {
            CreateInstruments();
        }

        lock (Gate)
        {
            Observed.RemoveAll(static w => !w.TryGetTarget(out _));
            Observed.Add(new WeakReference<IObservedPool>(pool));
        }
    }

    /// <summary>Stops reporting <paramref name="pool"/> (disposed).</summary>
    public static void Unregister(IObservedPool pool)
    {
        lock (Gate)
        {
            Observed.RemoveAll(w => !w.TryGetTarget(out var p) || ReferenceEquals(p, pool));
        }
    }

    private static void CreateInstruments()
    {
        var meter = Telemetry.Meter;
        meter.CreateObservableCounter("sessioneffects.pool.hits", () => Read(static s => s.Hits), "{request}", "Tenant pool requests answered from the cache.");
        meter.CreateObservableCounter("sessioneffects.pool.misses", () => Read(static s => s.Misses), "{request}", "Tenant pool requests that made a new session.");
        meter.CreateObservableCounter("sessioneffects.pool.evictions", () => Read(static s => s.Evictions), "{session}", "Sessions evicted from a tenant pool (capacity or removal).");
        meter.CreateObservableCounter("sessioneffects.pool.assume_role.calls", () => Read(static s => s.AssumeRoleCalls), "{call}", "AssumeRole requests sent by a tenant pool's sessions (every attempt).");
        meter.CreateObservableCounter("sessioneffects.pool.assume_role.retries", () => Read(static s => s.AssumeRoleRetries), "{call}", "AssumeRole attempts retried after throttling or a transient failure.");
        meter.CreateObservableCounter("sessioneffects.pool.assume_role.failures", () => Read(static s => s.AssumeRoleFailures), "{call}", "Credential fetches that failed for good.");
        meter.CreateObservableUpDownCounter("sessioneffects.pool.sessions", () => Read(static s => s.Created - s.Disposed), "{session}", "Sessions of a tenant pool alive now.");
    }

    private static List<Measurement<long>> Read(Func<SessionPoolStatistics, long> value)
    {
        List<IObservedPool> pools;
        lock (Gate)
        {
            pools = new List<IObservedPool>(Observed.Count);
            foreach (var weak in Observed)
            {
                if (weak.TryGetTarget(out var pool))
                {
                    pools.Add(pool);
                }
            }
        }

        var measurements = new List<Measurement<long>>(pools.Count);
        foreach (var pool in pools)
        {
            measurements.Add(new Measurement<long>(value(pool.Statistics), new KeyValuePair<string, object?>(Telemetry.PoolName, pool.Name)));
        }

        return measurements;
    }
}

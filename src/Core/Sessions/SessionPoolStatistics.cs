namespace SessionEffects;

/// <summary>
/// A snapshot of a <see cref="SessionPool{TKey}"/>'s counters (<see cref="SessionPool{TKey}.Statistics"/>). Counts
/// are totals since the pool was made; the <c>SessionEffects</c> meter exports them too (<c>SessionPoolMetrics</c>).
/// </summary>
/// <param name="Capacity">The configured capacity.</param>
/// <param name="Count">Tenants cached now (including ones whose session is being made).</param>
/// <param name="Hits">Requests answered from the cache (or by joining a session being made).</param>
/// <param name="Misses">Requests that called the factory.</param>
/// <param name="Evictions">Sessions evicted to stay within the capacity, or removed.</param>
/// <param name="Created">Sessions the factory made and the pool adopted.</param>
/// <param name="Disposed">Of those, how many have been disposed (evicted and no longer used). Alive = Created − Disposed.</param>
/// <param name="AssumeRoleCalls">AssumeRole requests sent to STS by the pool's sessions (every attempt).</param>
/// <param name="AssumeRoleRetries">AssumeRole attempts that were throttled or failed transiently and were tried again.</param>
/// <param name="AssumeRoleFailures">Credential fetches that failed for good (not retryable, or out of attempts).</param>
/// <param name="AssumeRolesInFlight">AssumeRole requests in flight right now.</param>
/// <param name="FactoryFailures">Factory calls that threw or returned no usable session.</param>
public sealed record SessionPoolStatistics(
    int Capacity,
    int Count,
    long Hits,
    long Misses,
    long Evictions,
    long Created,
    long Disposed,
    long AssumeRoleCalls,
    long AssumeRoleRetries,
    long AssumeRoleFailures,
    int AssumeRolesInFlight,
    long FactoryFailures);

namespace SessionEffects;

/// <summary>What <see cref="SessionPoolMetrics"/> reads from a pool, whatever its key type.</summary>
internal interface IObservedPool
{
    /// <summary>The pool's name in metrics.</summary>
    string Name { get; }

    /// <summary>A snapshot of the pool's counters.</summary>
    SessionPoolStatistics Statistics { get; }
}

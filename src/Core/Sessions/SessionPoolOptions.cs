using System;

namespace SessionEffects;

/// <summary>
/// How a <see cref="SessionPool{TKey}"/> behaves: its capacity, how it treats STS, and how long a session handed out by
/// <see cref="SessionPool{TKey}.Get"/> is protected from disposal before its first use. Immutable; change it with
/// <c>with</c> (C#) or named arguments (F#).
/// </summary>
public sealed record SessionPoolOptions
{
    /// <summary>How many tenants' sessions the pool keeps; the least recently used are evicted beyond it. Default 1,000.</summary>
    public int Capacity { get; init; } = 1_000;

    /// <summary>
    /// At most this many AssumeRole calls of the pool's sessions are in flight at once (first fetches, warm-ups and
    /// refreshes together); the rest wait for a slot. Default 8.
    /// </summary>
    public int MaxConcurrentAssumeRoles { get; init; } = 8;

    /// <summary>How many times one credential fetch is attempted when STS throttles or fails on its side. Default 6.</summary>
    public int AssumeRoleAttempts { get; init; } = AssumeRoleGate.DefaultAttempts;

    /// <summary>The first retry's backoff; each further retry doubles it, up to <see cref="RetryMaxDelay"/>, with jitter. Default 100 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = AssumeRoleGate.DefaultBaseDelay;

    /// <summary>The longest backoff between two attempts. Default 5 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = AssumeRoleGate.DefaultMaxDelay;

    /// <summary>
    /// How long after <see cref="SessionPool{TKey}.Get"/> (or <see cref="SessionPool{TKey}.GetAsync"/>) handed a session
    /// out it is protected from disposal even if evicted and not yet leased: the time between getting a session and its
    /// first use. Default 10 s. Scopes and operations lease the session, and a leased session is never disposed.
    /// </summary>
    public TimeSpan HandOutGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The pool's name in metrics (<c>sessioneffects.pool.name</c> on the <c>sessioneffects.pool.*</c> instruments).
    /// Default <c>default</c>.
    /// </summary>
    public string Name { get; init; } = "default";

    /// <summary>The clock for the grace period and retry backoff (tests replace it). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks every value; called by the pool's constructor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, or a time is negative or backwards.</exception>
    /// <exception cref="ArgumentNullException"><see cref="TimeProvider"/> is null.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Capacity, 1, nameof(Capacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentAssumeRoles, 1, nameof(MaxConcurrentAssumeRoles));
        ArgumentOutOfRangeException.ThrowIfLessThan(AssumeRoleAttempts, 1, nameof(AssumeRoleAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryBaseDelay, nameof(RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(HandOutGrace, TimeSpan.Zero, nameof(HandOutGrace));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
    }
}

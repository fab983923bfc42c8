using System;
using System.Collections.Generic;
using System.Threading;

namespace SessionEffects;

/// <summary>
/// The grace period of a <see cref="SessionPool{TKey}"/>: evicted sessions that were handed out unleased (by
/// <c>Get</c> or <c>GetAsync</c>) less than <see cref="SessionPoolOptions.HandOutGrace"/> ago are kept here until the
/// period has passed, then retired; a timer sweeps them while any are kept. Not thread-safe: the pool calls it under
/// its lock.
/// </summary>
internal sealed class HandOutGrace
{
    /// <summary>The hand-out timestamp of a session never handed out without a lease.</summary>
    public const long Never = long.MinValue;

    private readonly List<(AwsSession Session, long HandedOutAt)> kept = [];
    private readonly TimeSpan grace;
    private readonly TimeProvider time;
    private readonly Action sweep;
    private ITimer? sweeper;

    /// <param name="grace">How long a session handed out is protected.</param>
    /// <param name="time">The pool's clock.</param>
    /// <param name="sweep">What the timer calls: the pool's own sweep, which takes its lock.</param>
    public HandOutGrace(TimeSpan grace, TimeProvider time, Action sweep)
    {
        this.grace = grace;
        this.time = time;
        this.sweep = sweep;
    }

    /// <summary>Whether a session handed out at <paramref name="handedOutAt"/> is still protected at <paramref name="now"/>.</summary>
    public bool Covers(long handedOutAt, long now) => handedOutAt != Never && time.GetElapsedTime(handedOutAt, now) < grace;

    /// <summary>An evicted session: kept until its grace period ends, or added to <paramref name="retire"/> now.</summary>
    public void LetGo(AwsSession session, long handedOutAt, long now, ref List<AwsSession>? retire)
    {
        if (!Covers(handedOutAt, now))
        {
            (retire ??= []).Add(session);
            return;
        }

        kept.Add((session, handedOutAt));
        sweeper ??= time.CreateTimer(static state => ((Action)state!)(), sweep, grace, grace);
    }

    /// <summary>Adds the kept sessions whose grace period has ended to <paramref name="retire"/>; the timer stops when none are left.</summary>
    public void Sweep(long now, ref List<AwsSession>? retire)
    {
        for (var i = kept.Count - 1; i >= 0; i--)
        {
            if (!Covers(kept[i].HandedOutAt, now))
            {
                (retire ??= []).Add(kept[i].Session);
                kept.RemoveAt(i);
            }
        }

        if (kept.Count == 0)
        {
            StopTimer();
        }
    }

    /// <summary>The pool is disposed: every kept session goes to <paramref name="retire"/>, and the timer stops.</summary>
    public void Drain(List<AwsSession> retire)
    {
        foreach (var (session, _) in kept)
        {
            retire.Add(session);
        }

        kept.Clear();
        StopTimer();
    }

    private void StopTimer()
    {
        sweeper?.Dispose();
        sweeper = null;
    }
}

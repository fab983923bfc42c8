using System;

namespace SessionEffects.Properties.Pool;

/// <summary>A clock that moves only when the test says so (for the pool's grace period); timers stay real.</summary>
internal sealed class FakeClock : TimeProvider
{
    private long ticks = TimeSpan.FromDays(1).Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;
}

namespace SessionEffects;

/// <summary>
/// One operation's claim on a session: while any lease is held, a session its pool has evicted is not disposed.
/// Taken with <see cref="AwsSession.Lease"/>, given back by <see cref="Dispose"/> (exactly once: it is a value, so
/// callers keep it in one place, a <c>using</c> or a field guarded by their own once-flag).
/// </summary>
internal readonly struct SessionLease : System.IDisposable
{
    public SessionLease(AwsSession session) => Session = session;

    /// <summary>The leased session; null for the default value, which holds nothing.</summary>
    public AwsSession? Session { get; }

    /// <summary>Gives the lease back; the last one out disposes a retired session.</summary>
    public void Dispose() => Session?.Release();
}

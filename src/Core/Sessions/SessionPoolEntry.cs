using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// One tenant in a <see cref="SessionPool{TKey}"/>: its session (once made), the single-flight tasks that make it and
/// warm its credentials, and when it was last handed out unleased; its place in the pool's recency list is its base.
/// Every field is read and written under the pool's lock, except the completed tasks, which are safe to read anywhere.
/// </summary>
internal sealed class SessionPoolEntry<TKey> : RecencyNode<TKey, SessionPoolEntry<TKey>>
{
    public SessionPoolEntry(TKey key, int makerThread)
        : base(key) => MakerThread = makerThread;

    /// <summary>The thread running the factory for this entry (to refuse a factory that asks the pool for its own key).</summary>
    public int MakerThread { get; }

    /// <summary>Completes when the factory has run: with the session, or with the error every waiter gets.</summary>
    public TaskCompletionSource<AwsSession> Made { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The session, once made and adopted; null while the factory runs.</summary>
    public AwsSession? Session { get; set; }

    /// <summary>The credential warm-up everyone waiting for ready credentials joins; its result is the session.</summary>
    public Task<AwsSession>? Warm { get; set; }

    /// <summary>The pool clock's timestamp of the last unleased hand-out (<c>Get</c>, <c>GetAsync</c>), or <see cref="HandOutGrace.Never"/>.</summary>
    public long HandedOutAt { get; set; } = HandOutGrace.Never;
}

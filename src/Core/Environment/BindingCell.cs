using System.Threading;

namespace SessionEffects;

/// <summary>
/// One binding of one table: the session it names, or <see langword="null"/> for "the default session".
/// A restore scope owns a fresh cell; <c>keep</c> and <c>reset</c> assign to the nearest visible one.
/// </summary>
internal class BindingCell
{
    private AwsSession? session;

    public BindingCell(AwsSession? session) => this.session = session;

    /// <summary>The bound session; <see langword="null"/> means the environment's default session.</summary>
    public AwsSession? Session
    {
        get => Volatile.Read(ref session);
        set => Volatile.Write(ref session, value);
    }
}

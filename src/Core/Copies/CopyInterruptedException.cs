using System;

namespace SessionEffects;

/// <summary>
/// A copy stopped on a failure it could not retry away (the target went away, access was denied, …). Everything up
/// to <see cref="Checkpoint"/> is written: fix the cause and run the copy again with
/// <see cref="CopyOptions.ResumeFrom"/> set to it. The failure itself is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class CopyInterruptedException : Exception
{
    /// <summary>Creates the exception with the latest checkpoint and the failure.</summary>
    public CopyInterruptedException(string message, CopyCheckpoint checkpoint, Exception innerException)
        : base(message, innerException) => Checkpoint = checkpoint;

    /// <summary>Creates the exception with a message.</summary>
    public CopyInterruptedException(string message)
        : base(message) => Checkpoint = null;

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CopyInterruptedException(string message, Exception innerException)
        : base(message, innerException) => Checkpoint = null;

    /// <summary>Creates the exception with a generic message.</summary>
    public CopyInterruptedException()
        : base("The copy was interrupted.") => Checkpoint = null;

    /// <summary>Where to resume from; null only when the copy stopped before its first checkpoint could be made.</summary>
    public CopyCheckpoint? Checkpoint { get; }
}

using System;

namespace SessionEffects;

/// <summary>
/// A strict mirrored session's secondary did not take what its primary accepted: the primary holds the write, the keys
/// are recorded for repair, and the caller's operation fails with this (the secondary's failure inside).
/// </summary>
public sealed class MirrorWriteException : Exception
{
    /// <summary>Creates the exception with a message and the secondary's failure.</summary>
    public MirrorWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MirrorWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MirrorWriteException()
        : base("A mirrored write reached the primary but not the secondary.")
    {
    }
}

using System;

namespace SessionEffects;

/// <summary>
/// A checkpoint cannot be used: it is not a checkpoint, it was changed or corrupted (its checksum does not match), it
/// is of another table, key schema or segment count, or a page token in it belongs to another read or session. It is
/// refused before anything is created, read or written; the message says why.
/// </summary>
public sealed class CopyCheckpointException : ArgumentException
{
    /// <summary>Creates the exception with the reason the checkpoint is not usable.</summary>
    public CopyCheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public CopyCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CopyCheckpointException()
        : base("The copy checkpoint is not usable.")
    {
    }

    /// <summary>The message for a checkpoint that is not usable because of <paramref name="why"/>.</summary>
    internal static CopyCheckpointException NotUsable(string why, Exception? inner = null) =>
        new($"The copy checkpoint is not usable: {why}. Nothing was created, read or written. Start the copy without this checkpoint (every item is copied again, as idempotent puts), then verify.", inner!);
}

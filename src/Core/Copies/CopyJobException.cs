using System;

namespace SessionEffects;

/// <summary>A worker was refused by its copy job: the job in the lease table was started with other tables or options.</summary>
public sealed class CopyJobException : Exception
{
    /// <summary>A refusal with its reason.</summary>
    public CopyJobException(string message)
        : base(message)
    {
    }

    /// <summary>A refusal with its reason and cause.</summary>
    public CopyJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A refusal with no reason given.</summary>
    public CopyJobException()
    {
    }
}

using System;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>A command line that cannot be acted on, found before anything was printed or sent: exit code 2, the message alone.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

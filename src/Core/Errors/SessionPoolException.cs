using System;

namespace SessionEffects;

/// <summary>
/// A session pool (<c>SessionPool</c>) could not make a tenant's session: its factory threw (the cause is the inner
/// exception), returned null, or returned a session some pool already owns. The message names the key (masked when it
/// looks like a secret). Nothing was cached: the next request for the key calls the factory again.
/// </summary>
public sealed class SessionPoolException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the key and the problem.</summary>
    public SessionPoolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the key and the problem, and its cause.</summary>
    public SessionPoolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SessionPoolException()
        : base("The session pool could not make a session.")
    {
    }
}

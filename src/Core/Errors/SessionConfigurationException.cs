using System;

namespace SessionEffects;

/// <summary>
/// A session was described wrongly: an unknown profile, a profile without credentials, a missing region, an empty
/// role ARN, a malformed endpoint. Raised before any request is sent wherever that is possible. The message names
/// the problem and never contains a secret.
/// </summary>
public sealed class SessionConfigurationException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public SessionConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the problem and its cause.</summary>
    public SessionConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SessionConfigurationException()
        : base("The AWS session is not configured correctly.")
    {
    }
}

using System;

namespace SessionEffects.Testing;

/// <summary>DynamoDB Local could not be started; the message says what to install or run.</summary>
public sealed class DynamoDbLocalUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that says what to do.</summary>
    public DynamoDbLocalUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public DynamoDbLocalUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DynamoDbLocalUnavailableException()
        : base("DynamoDB Local could not be started.")
    {
    }
}

using System;

namespace SessionEffects;

/// <summary>
/// A class cannot be used as a table: it lacks <c>[DynamoDBTable]</c> or a hash key, or a key has a type DynamoDB keys
/// cannot hold. The message names the class and the problem.
/// </summary>
public sealed class TableMappingException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the class and the problem.</summary>
    public TableMappingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TableMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TableMappingException()
        : base("The class cannot be mapped to a DynamoDB table.")
    {
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace SessionEffects;

/// <summary>
/// A transaction's parts resolved to different sessions. DynamoDB transactions cannot span accounts or regions, so the
/// transaction was refused before anything was sent, and no binding changed. The message names each table and the
/// (masked) session it resolved to.
/// </summary>
public sealed class TransactionSessionException : InvalidOperationException
{
    /// <summary>Creates the exception for an operation and, per table, the masked session it resolved to.</summary>
    public TransactionSessionException(string operation, IReadOnlyList<(string TableName, string Session)> resolved)
        : base($"{operation} was refused before sending anything: its parts resolve to different sessions, and DynamoDB transactions cannot span accounts or regions. " +
               string.Join("; ", resolved.Select(r => $"table {r.TableName} -> {r.Session}")) +
               ". Bind every table of the transaction to the same session (one UseSession per table, with the same session).")
    {
        Resolved = resolved;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransactionSessionException(string message)
        : base(message)
    {
        Resolved = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TransactionSessionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Resolved = [];
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TransactionSessionException()
        : base("A transaction's parts resolve to different sessions.")
    {
        Resolved = [];
    }

    /// <summary>Each table of the transaction and the masked session it resolved to.</summary>
    public IReadOnlyList<(string TableName, string Session)> Resolved { get; }
}

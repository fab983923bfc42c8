using System;
using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Amazon.Runtime;
using LanguageExt.Common;

namespace SessionEffects;

/// <summary>
/// Turns what a DynamoDB call threw into a failure that names the table, the operation and the redacted session,
/// keeping the SDK's own exception type (a <c>ResourceNotFoundException</c> stays one) with the original as its inner
/// exception. Nothing is swallowed.
/// </summary>
internal static class Failures
{
    /// <summary>Set on exceptions that already carry the context, so nested layers do not add it twice.</summary>
    private const string Marker = "SessionEffects.Context";

    private static readonly ConcurrentDictionary<Type, ConstructorInfo?> ServiceExceptionConstructors = new();

    public static Error From(Exception exception, Table table, string operation, AwsSession session) =>
        Error.New(Enrich(exception, table, operation, session));

    public static Exception Enrich(Exception exception, Table table, string operation, AwsSession session)
    {
        if (exception.Data.Contains(Marker))
        {
            return exception;
        }

        var context = $"{operation} on table {table.Name} via {session}";
        var enriched = exception switch
        {
            AmazonServiceException service => Rebuild(service, $"{context}: {service.ErrorCode}: {service.Message}"),
            AmazonClientException client => new AmazonClientException($"{context}: {client.Message}", client),
            _ => exception,
        };
        enriched.Data[Marker] = true;
        return enriched;
    }

    private static Exception Rebuild(AmazonServiceException ex, string message)
    {
        var ctor = ServiceExceptionConstructors.GetOrAdd(ex.GetType(), static t => t.GetConstructor(
            [typeof(string), typeof(Exception), typeof(ErrorType), typeof(string), typeof(string), typeof(HttpStatusCode)]));
        return ctor?.Invoke([message, ex, ex.ErrorType, ex.ErrorCode, ex.RequestId, ex.StatusCode]) as Exception
            ?? new AmazonServiceException(message, ex, ex.ErrorType, ex.ErrorCode, ex.RequestId, ex.StatusCode);
    }
}

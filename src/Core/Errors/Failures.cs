using System;
using System.Net;
using System.Net.Http;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace SessionEffects;

/// <summary>
/// Gives a failed request the context a reader needs — the operation, the table and the masked session — in the
/// exception's message, while keeping what <c>catch</c> clauses rely on: the exception type (a
/// <see cref="ConditionalCheckFailedException"/> stays one, with its <c>Item</c>; a
/// <see cref="TransactionCanceledException"/> keeps its <c>CancellationReasons</c>) and the original as
/// <see cref="Exception.InnerException"/>. <see cref="InContext"/> is the one place a failure is given its context: every
/// DynamoDB request reaches it through <c>SessionCall</c>, the STS caller-identity request through <see cref="Guard{R}"/>;
/// requests do not nest, so nothing is wrapped twice.
/// </summary>
/// <remarks>
/// Each SDK type is rebuilt by its own constructor, listed here, rather than by reflection: the list is the DynamoDB
/// and STS errors a data operation can meet. Other service errors become their nearest listed base
/// (<see cref="AmazonDynamoDBException"/>, <see cref="AmazonServiceException"/>), with the original inside.
/// Transport failures keep their type (<see cref="HttpRequestException"/>, <see cref="ObjectDisposedException"/>,
/// <see cref="TimeoutException"/>), and so do a mirror's (<see cref="MirrorWriteException"/>, and the
/// <see cref="NotSupportedException"/> of what a mirror refuses); anything else becomes an <see cref="AmazonClientException"/> around the original.
/// </remarks>
internal static class Failures
{
    /// <summary>
    /// Runs one request; if it fails other than by the caller's cancellation, throws the failure with its context.
    /// </summary>
    /// <param name="operation">The DynamoDB (or STS) operation, e.g. <c>PutItem</c>.</param>
    /// <param name="target">What it was aimed at, e.g. <c>table users</c>.</param>
    /// <param name="session">The session; its masked description is only built when something failed.</param>
    /// <param name="request">The request, given the caller's token.</param>
    /// <param name="cancellationToken">The caller's token; a cancellation it caused passes through unchanged.</param>
    /// <param name="detail">What only the operation knows about a failure (a transaction's failed parts), appended to the message.</param>
    public static async System.Threading.Tasks.Task<R> Guard<R>(
        string operation, string target, object session, Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<R>> request, System.Threading.CancellationToken cancellationToken,
        Func<Exception, string?>? detail = null)
    {
        try
        {
            return await request(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsCallersCancellation(ex, cancellationToken))
        {
            throw InContext(ex, operation, target, session, detail);
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is the caller's own cancellation, which passes through unchanged (a timeout
    /// inside the SDK is a cancellation too, but not the caller's: that one is given context as a <see cref="TimeoutException"/>).
    /// </summary>
    public static bool IsCallersCancellation(Exception exception, System.Threading.CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    /// <summary>
    /// What <see cref="Guard{R}"/> throws for a failed request; for callers that run their request in their own
    /// <c>try</c> (one async step fewer on the hot path) and catch what <see cref="IsCallersCancellation"/> does not pass.
    /// </summary>
    /// <param name="exception">What the request threw.</param>
    /// <param name="operation">The DynamoDB (or STS) operation, e.g. <c>PutItem</c>.</param>
    /// <param name="target">What it was aimed at, e.g. <c>table users</c>.</param>
    /// <param name="session">The session; its masked description is only built here, when something failed.</param>
    /// <param name="detail">What only the operation knows about a failure, appended to the message.</param>
    public static Exception InContext(Exception exception, string operation, string target, object session, Func<Exception, string?>? detail = null)
    {
        var context = detail?.Invoke(exception) is { Length: > 0 } more ? $"{target} ({more})" : target;
        return Enrich(exception, operation, context, session.ToString() ?? "<session>");
    }

    /// <summary>
    /// What failed, as logs and OpenTelemetry's <c>error.type</c> name it: AWS's error code (<c>Throttling</c>,
    /// <c>ConditionalCheckFailedException</c>), else the exception's full type name.
    /// </summary>
    public static string Code(Exception exception) =>
        exception is AmazonServiceException { ErrorCode: { Length: > 0 } code } ? code : exception.GetType().FullName ?? exception.GetType().Name;

    /// <summary>The exception to throw instead of <paramref name="exception"/>, with the context in its message.</summary>
    /// <param name="exception">What the request threw.</param>
    /// <param name="operation">The DynamoDB (or STS) operation, e.g. <c>PutItem</c>.</param>
    /// <param name="target">What it was aimed at, e.g. <c>table users</c>.</param>
    /// <param name="session">The masked session description (<see cref="object.ToString"/> of the session).</param>
    private static Exception Enrich(Exception exception, string operation, string target, string session)
    {
        var context = $"{operation} on {target} via {session}";
        return exception switch
        {
            AmazonServiceException service => Service(service, $"{context}: {service.ErrorCode}: {service.Message}"),
            AmazonClientException client => new AmazonClientException($"{context}: {client.Message}", client),
            SessionConfigurationException config => new SessionConfigurationException($"{context}: {config.Message}", config),
            HttpRequestException http => new HttpRequestException($"{context}: {http.Message}", http, http.StatusCode),
            ObjectDisposedException disposed => new ObjectDisposedException($"{context}: {disposed.Message}", disposed),
            TimeoutException timeout => new TimeoutException($"{context}: {timeout.Message}", timeout),
            MirrorWriteException mirror => new MirrorWriteException($"{context}: {mirror.Message}", mirror),
            NotSupportedException refused => new NotSupportedException($"{context}: {refused.Message}", refused),
            OperationCanceledException => new TimeoutException($"{context}: the request timed out ({exception.Message})", exception),
            _ => new AmazonClientException($"{context}: {exception.GetType().Name}: {exception.Message}", exception),
        };
    }

    private static Exception Service(AmazonServiceException e, string m) => e switch
    {
        // Data-plane errors callers catch by type; the order puts subclasses before their bases.
        ConditionalCheckFailedException x => new ConditionalCheckFailedException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode) { Item = x.Item },
        TransactionCanceledException x => new TransactionCanceledException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode) { CancellationReasons = x.CancellationReasons },
        ResourceNotFoundException x => new ResourceNotFoundException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        ResourceInUseException x => new ResourceInUseException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        ProvisionedThroughputExceededException x => new ProvisionedThroughputExceededException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        RequestLimitExceededException x => new RequestLimitExceededException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        ThrottlingException x => new ThrottlingException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        ItemCollectionSizeLimitExceededException x => new ItemCollectionSizeLimitExceededException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        TransactionConflictException x => new TransactionConflictException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        TransactionInProgressException x => new TransactionInProgressException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        IdempotentParameterMismatchException x => new IdempotentParameterMismatchException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        ReplicatedWriteConflictException x => new ReplicatedWriteConflictException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        DuplicateItemException x => new DuplicateItemException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        InternalServerErrorException x => new InternalServerErrorException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        LimitExceededException x => new LimitExceededException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        IndexNotFoundException x => new IndexNotFoundException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        TableNotFoundException x => new TableNotFoundException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        TableInUseException x => new TableInUseException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        TableAlreadyExistsException x => new TableAlreadyExistsException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        AmazonDynamoDBException x => new AmazonDynamoDBException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),

        // Credentials refreshed during a data call (assumed roles) and caller-identity lookups fail with STS errors.
        Amazon.SecurityToken.Model.ExpiredTokenException x => new Amazon.SecurityToken.Model.ExpiredTokenException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        Amazon.SecurityToken.Model.RegionDisabledException x => new Amazon.SecurityToken.Model.RegionDisabledException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        AmazonSecurityTokenServiceException x => new AmazonSecurityTokenServiceException(m, e, x.ErrorType, x.ErrorCode, x.RequestId, x.StatusCode),
        _ => new AmazonServiceException(m, e, e.ErrorType, e.ErrorCode, e.RequestId, e.StatusCode == 0 ? HttpStatusCode.InternalServerError : e.StatusCode),
    };
}

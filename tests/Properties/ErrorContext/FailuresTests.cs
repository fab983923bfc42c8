using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Xunit;

namespace SessionEffects.Properties.ErrorContext;

/// <summary>
/// <c>Failures</c> without DynamoDB: every failure kind keeps its type and what catch clauses read, gains the context
/// in its message and keeps the original inside; the caller's own cancellation passes through untouched. The end-to-end
/// forms (a refused connection, a disposed session, STS) are in DataSafety/FailureContextTests.
/// </summary>
public sealed class FailuresTests
{
    private const string Context = "PutItem on table users via Keys(key=AKIA****0001)";

    public static TheoryData<Exception, Type> Kinds() => new()
    {
        { new ResourceNotFoundException("no table"), typeof(ResourceNotFoundException) },
        { new ProvisionedThroughputExceededException("slow down"), typeof(ProvisionedThroughputExceededException) },
        { new ThrottlingException("slow down"), typeof(ThrottlingException) },
        { new TransactionConflictException("conflict"), typeof(TransactionConflictException) },
        { new InternalServerErrorException("boom"), typeof(InternalServerErrorException) },
        { new AmazonDynamoDBException("other"), typeof(AmazonDynamoDBException) },
        { new Amazon.SecurityToken.Model.ExpiredTokenException("expired"), typeof(Amazon.SecurityToken.Model.ExpiredTokenException) },
        { new Amazon.SecurityToken.AmazonSecurityTokenServiceException("sts"), typeof(Amazon.SecurityToken.AmazonSecurityTokenServiceException) },
        { new AmazonClientException("client side"), typeof(AmazonClientException) },
        { new SessionConfigurationException("bad profile"), typeof(SessionConfigurationException) },
        { new HttpRequestException("refused", null, HttpStatusCode.BadGateway), typeof(HttpRequestException) },
        { new ObjectDisposedException("session"), typeof(ObjectDisposedException) },
        { new TimeoutException("slow"), typeof(TimeoutException) },
        { new MirrorWriteException("secondary down"), typeof(MirrorWriteException) },
        { new NotSupportedException("a mirror refuses this"), typeof(NotSupportedException) },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_keeps_its_type_and_the_original_and_gains_the_context(Exception original, Type expected)
    {
        var ex = Failures.InContext(original, "PutItem", "table users", new Masked());

        Assert.Equal(expected, ex.GetType());
        Assert.Same(original, ex.InnerException);
        Assert.StartsWith(Context + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(original.Message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_error_keeps_code_type_request_id_and_status_and_names_the_code()
    {
        var original = new ThrottlingException("Rate exceeded", null, ErrorType.Sender, "ThrottlingException", "req-1", HttpStatusCode.BadRequest);
        var ex = Assert.IsType<ThrottlingException>(Failures.InContext(original, "PutItem", "table users", new Masked()));

        Assert.Equal(Context + ": ThrottlingException: Rate exceeded", ex.Message);
        Assert.Equal((ErrorType.Sender, "ThrottlingException", "req-1", HttpStatusCode.BadRequest), (ex.ErrorType, ex.ErrorCode, ex.RequestId, ex.StatusCode));
        Assert.Equal("ThrottlingException", Failures.Code(ex));
    }

    [Fact]
    public void A_failed_condition_keeps_the_item_and_a_cancelled_transaction_its_reasons()
    {
        var item = new Dictionary<string, AttributeValue> { ["id"] = new() { S = "1" } };
        var failed = Failures.InContext(new ConditionalCheckFailedException("no") { Item = item }, "PutItem", "table users", new Masked());
        Assert.Same(item, Assert.IsType<ConditionalCheckFailedException>(failed).Item);

        List<CancellationReason> reasons = [new() { Code = "ConditionalCheckFailed" }, new() { Code = "None" }];
        var cancelled = Failures.InContext(new TransactionCanceledException("no") { CancellationReasons = reasons }, "TransactWriteItems", "tables a, b", new Masked());
        Assert.Same(reasons, Assert.IsType<TransactionCanceledException>(cancelled).CancellationReasons);
    }

    [Fact]
    public void An_unlisted_service_error_becomes_AmazonServiceException_with_a_status_even_when_it_had_none()
    {
        var without = Assert.IsType<AmazonServiceException>(Failures.InContext(new UnlistedServiceException(0), "GetItem", "table users", new Masked()));
        Assert.Equal(HttpStatusCode.InternalServerError, without.StatusCode);

        var with = Assert.IsType<AmazonServiceException>(Failures.InContext(new UnlistedServiceException(HttpStatusCode.Forbidden), "GetItem", "table users", new Masked()));
        Assert.Equal(HttpStatusCode.Forbidden, with.StatusCode);
        Assert.Equal("Unlisted", with.ErrorCode);
    }

    [Fact]
    public void A_timeout_inside_the_SDK_becomes_a_TimeoutException_and_anything_else_a_client_exception_naming_its_type()
    {
        var timedOut = Failures.InContext(new TaskCanceledException("gave up"), "GetItem", "table users", new Masked());
        Assert.Equal(typeof(TimeoutException), timedOut.GetType());
        Assert.Equal("GetItem on table users via Keys(key=AKIA****0001): the request timed out (gave up)", timedOut.Message);

        var other = Failures.InContext(new InvalidCastException("odd"), "GetItem", "table users", new Masked());
        Assert.Equal(typeof(AmazonClientException), other.GetType());
        Assert.Equal("GetItem on table users via Keys(key=AKIA****0001): InvalidCastException: odd", other.Message);
        Assert.Equal("System.InvalidCastException", Failures.Code(other.InnerException!));
    }

    [Fact]
    public void The_operation_detail_is_added_in_brackets_only_when_it_says_something()
    {
        var original = new AmazonClientException("x");
        Assert.StartsWith("Op on t (2 parts failed) via ", Failures.InContext(original, "Op", "t", new Masked(), _ => "2 parts failed").Message, StringComparison.Ordinal);
        Assert.StartsWith("Op on t via ", Failures.InContext(original, "Op", "t", new Masked(), _ => "").Message, StringComparison.Ordinal);
        Assert.StartsWith("Op on t via ", Failures.InContext(original, "Op", "t", new Masked(), _ => null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_without_a_description_is_named_as_such()
    {
        var ex = Failures.InContext(new AmazonClientException("x"), "Op", "t", new Nameless());
        Assert.Equal("Op on t via <session>: x", ex.Message);
    }

    [Fact]
    public void Only_the_callers_own_cancellation_counts_as_the_callers()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(Failures.IsCallersCancellation(new OperationCanceledException(), cancelled.Token));
        Assert.False(Failures.IsCallersCancellation(new OperationCanceledException(), CancellationToken.None));
        Assert.False(Failures.IsCallersCancellation(new TimeoutException(), cancelled.Token));
    }

    [Fact]
    public async Task Guard_returns_the_result_passes_the_callers_cancellation_and_gives_other_failures_context()
    {
        Assert.Equal(42, await Failures.Guard("Op", "t", new Masked(), _ => Task.FromResult(42), CancellationToken.None));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var own = new OperationCanceledException(cancelled.Token);
        Assert.Same(own, await Assert.ThrowsAsync<OperationCanceledException>(() => Failures.Guard<int>("Op", "t", new Masked(), _ => throw own, cancelled.Token)));

        var inner = new ResourceNotFoundException("gone");
        var wrapped = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Failures.Guard<int>("Op", "t", new Masked(), _ => throw inner, CancellationToken.None));
        Assert.Same(inner, wrapped.InnerException);
        Assert.StartsWith("Op on t via Keys(", wrapped.Message, StringComparison.Ordinal);
    }

    private sealed class Masked
    {
        public override string ToString() => "Keys(key=AKIA****0001)";
    }

    private sealed class Nameless
    {
        public override string? ToString() => null;
    }

    private sealed class UnlistedServiceException(HttpStatusCode status)
        : AmazonServiceException("unlisted", ErrorType.Unknown, "Unlisted", "req-2", status);
}

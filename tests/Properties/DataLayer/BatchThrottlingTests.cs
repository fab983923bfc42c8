using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataLayer;

/// <summary>
/// A throttled BatchWriteItem (<c>ProvisionedThroughputExceededException</c> for the whole request, which DynamoDB Local
/// never answers, so a proxy in front of it does) is retried with backoff by every batch write — batchSave as well as
/// copies — and every item lands. The sessions retry nothing themselves (MaxErrorRetry 0), so what is proven is the
/// library's own patience, not the SDK's.
/// </summary>
public sealed class BatchThrottlingTests
{
    private const string Throttled = "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException";
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();

    [Fact]
    public async Task A_batch_save_whose_requests_are_throttled_writes_every_item()
    {
        var key = LocalDynamo.NewAccessKey("ThrottleSave");
        using var direct = await LocalDynamo.SessionAsync(key);
        await Run.Value(createTable(Orders), direct);
        await using var proxy = ThrottlingProxy(await LocalDynamo.EndpointAsync(), first: 4);
        using var throttled = NoSdkRetries(direct.WithEndpoint(proxy.Endpoint));

        await Run.Value(batchSave(Orders, Enumerable.Range(0, 60).Select(i => new Order { CustomerId = "c", PlacedAt = i })), throttled);

        Assert.Equal(4, proxy.Rejected);
        Assert.Equal(60, await Run.Value(count(Orders), direct));
    }

    [Fact]
    public async Task A_copy_whose_writes_are_throttled_copies_every_item_and_counts_the_retries()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ThrottleSrc"));
        var targetKey = LocalDynamo.NewAccessKey("ThrottleDst");
        using var target = await LocalDynamo.SessionAsync(targetKey);
        await Run.Value(createTable(Orders), source);
        await Run.Value(createTable(Orders), target);
        await Run.Value(batchSave(Orders, Enumerable.Range(0, 100).Select(i => new Order { CustomerId = "c" + (i % 7), PlacedAt = i })), source);
        await using var proxy = ThrottlingProxy(await LocalDynamo.EndpointAsync(), first: 5);
        using var throttled = NoSdkRetries(target.WithEndpoint(proxy.Endpoint));

        var result = await Run.Value(copyTable(Orders, throttled, new CopyOptions { Segments = 2 }), source);

        Assert.Equal(5, proxy.Rejected);
        Assert.Equal(100, result.ItemsWritten);
        Assert.True(result.ItemsRetried > 0, $"{result.ItemsRetried} retried");
        Assert.True((await Run.Value(verifyCopy(Orders, target), source)).IsIdentical);
    }

    /// <summary>Answers the first <paramref name="first"/> BatchWriteItem requests with a throttling error.</summary>
    private static RefusingProxy ThrottlingProxy(System.Uri dynamoDbLocal, int first)
    {
        var seen = 0;
        return RefusingProxy.Start(dynamoDbLocal, request =>
            RefusingProxy.Operation(request) == "BatchWriteItem" && Interlocked.Increment(ref seen) <= first
                ? new Refusal(Throttled, "The level of configured provisioned throughput for the table was exceeded.")
                : null);
    }

    private static AwsSession NoSdkRetries(AwsSession session) => session.WithClientConfiguration(config => config.MaxErrorRetry = 0);
}

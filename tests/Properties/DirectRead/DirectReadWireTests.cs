using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SessionEffects.Properties.Mapping;
using Xunit;

namespace SessionEffects.Properties.DirectRead;

/// <summary>
/// What the direct read leaves to the SDK stays the SDK's, on the same bytes through the same session client: error
/// and throttling answers give the same exception (type, message, code, status, request id) for every read operation,
/// retries after a throttled answer work the same, and a body whose CRC32 does not match is refused the same way.
/// </summary>
public sealed class DirectReadWireTests
{
    private const string Item = "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"Text\":{\"S\":\"hello\"}}";

    public static TheoryData<int, string> Errors() => new()
    {
        { 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}" },
        { 400, "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"Rate of requests exceeds the allowed throughput.\"}" },
        { 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#RequestLimitExceeded\",\"message\":\"Throughput exceeds the current throughput limit for your account.\"}" },
        { 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"Requested resource not found\"}" },
        { 400, "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"The provided key element does not match the schema\"}" },
        { 500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal server error\"}" },
        { 503, "" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Error_answers_give_the_SDKs_exceptions(int status, string body)
    {
        var mapper = DynamoTable.Of<MapScalars>().Mapper;
        var operations = new (string Name, Func<SessionDynamoClient, Task> Sdk, Func<SessionDynamoClient, Task> Direct)[]
        {
            ("GetItem", c => c.GetItemAsync(new GetItemRequest { TableName = "t" }, CancellationToken.None), c => c.GetItemAsync(new GetItemRequest { TableName = "t" }, mapper.DirectGetItem!, CancellationToken.None)),
            ("Query", c => c.QueryAsync(new QueryRequest { TableName = "t" }, CancellationToken.None), c => c.QueryAsync(new QueryRequest { TableName = "t" }, mapper.DirectQuery!, CancellationToken.None)),
            ("Scan", c => c.ScanAsync(new ScanRequest { TableName = "t" }, CancellationToken.None), c => c.ScanAsync(new ScanRequest { TableName = "t" }, mapper.DirectScan!, CancellationToken.None)),
            ("BatchGetItem", c => c.BatchGetItemAsync(new BatchGetItemRequest(), CancellationToken.None), c => c.BatchGetItemAsync(new BatchGetItemRequest(), mapper.DirectBatchGet!, CancellationToken.None)),
            ("TransactGetItems", c => c.TransactGetItemsAsync(new TransactGetItemsRequest(), CancellationToken.None), c => c.TransactGetItemsAsync(new TransactGetItemsRequest(), new DirectTransactGet([mapper.DirectPart!]), CancellationToken.None)),
        };
        foreach (var (name, sdk, direct) in operations)
        {
            var expected = await Failure(sdk, (HttpStatusCode)status, body);
            var actual = await Failure(direct, (HttpStatusCode)status, body);
            Assert.True(expected.Type.IsAssignableTo(typeof(AmazonServiceException)), $"{name}: {expected}");
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task A_throttled_answer_is_retried_and_the_retry_read_directly()
    {
        const string throttled = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"slow down\"}";
        var table = DynamoTable.Of<MapScalars>();

        using var sdk = new RecordedClient(retries: 2).Answer(throttled, HttpStatusCode.BadRequest).Answer("{\"Item\":" + Item + "}");
        var expected = table.Mapper.FromAttributes((await sdk.Client.GetItemAsync(new GetItemRequest { TableName = "t" }, CancellationToken.None)).Item);

        using var recorded = new RecordedClient(retries: 2).Answer(throttled, HttpStatusCode.BadRequest).Answer("{\"Item\":" + Item + "}");
        var read = (DirectGetItemResponse<MapScalars>)await recorded.Client.GetItemAsync(new GetItemRequest { TableName = "t" }, table.Mapper.DirectGetItem!, CancellationToken.None);

        Assert.Equal(2, sdk.Requests);
        Assert.Equal(2, recorded.Requests);
        Assert.NotNull(read.Found?.Value);
        Assert.Equal((expected.Id, expected.Seq, expected.Text), (read.Found!.Value.Value!.Id, read.Found.Value.Value.Seq, read.Found.Value.Value.Text));
        Assert.Equal(("a", 1, "hello"), (expected.Id, expected.Seq, expected.Text));
    }

    [Fact]
    public async Task A_body_whose_CRC32_does_not_match_is_refused_as_the_SDK_refuses_it()
    {
        var mapper = DynamoTable.Of<MapScalars>().Mapper;
        var body = "{\"Items\":[" + Item + "],\"Count\":1,\"ScannedCount\":1}";
        var expected = await Failure(c => c.QueryAsync(new QueryRequest { TableName = "t" }, CancellationToken.None), HttpStatusCode.OK, body, crc: "12345");
        var actual = await Failure(c => c.QueryAsync(new QueryRequest { TableName = "t" }, mapper.DirectQuery!, CancellationToken.None), HttpStatusCode.OK, body, crc: "12345");
        Assert.NotEqual(typeof(void), expected.Type);
        Assert.Equal(expected, actual);

        // With the right checksum the same bytes read fine.
        using var recorded = new RecordedClient().Answer(body);
        var page = (DirectQueryResponse<MapScalars>)await recorded.Client.QueryAsync(new QueryRequest { TableName = "t" }, mapper.DirectQuery!, CancellationToken.None);
        Assert.Equal("hello", Assert.Single(page.Read).Value!.Text);
    }

    private static async Task<(Type Type, string Message, string? Code, HttpStatusCode Status, string? RequestId)> Failure(
        Func<SessionDynamoClient, Task> call, HttpStatusCode status, string body, string? crc = null)
    {
        using var recorded = new RecordedClient().Answer(body, status, crc);
        try
        {
            await call(recorded.Client);
        }
        catch (Exception ex)
        {
            var service = ex as AmazonServiceException;
            return (ex.GetType(), ex.Message, service?.ErrorCode, service?.StatusCode ?? 0, service?.RequestId);
        }

        return (typeof(void), "no exception", null, 0, null);
    }
}

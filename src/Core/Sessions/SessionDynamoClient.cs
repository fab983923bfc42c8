using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Internal;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2.Model.Internal.MarshallTransformations;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace SessionEffects;

/// <summary>
/// A session's DynamoDB client: the SDK's own, with <see cref="CredentialsFirst"/> in its pipeline (so no request, ours or
/// a caller's using the client directly, fetches credentials synchronously) and, when it was made while
/// <see cref="SessionEffectsDiagnostics.RecordConsumedCapacity"/> was on, <see cref="CapacityReporting"/>; for one side of a
/// mirrored session, <see cref="MirrorStep"/>. Its reads can also be sent with another response unmarshaller (the
/// direct read of mapped classes): the request goes through this very pipeline — credentials, signing, endpoints,
/// retries, CRC32 check, error unmarshalling, telemetry — as the SDK's own method sends it; only the unmarshaller of a
/// successful body is the one given.
/// </summary>
internal sealed class SessionDynamoClient : AmazonDynamoDBClient
{
    private SessionDynamoClient(AWSCredentials credentials, AmazonDynamoDBConfig config, AwsSession session, bool reportCapacity, SessionMirror? mirror)
        : base(credentials, config)
    {
        Session = session;
        ReportsCapacity = reportCapacity;
        Mirror = mirror;
        MirrorSide = mirror?.SideOf(session) ?? 0;
    }

    /// <summary>The session whose label the capacity is reported under (set once the base constructor has run).</summary>
    public AwsSession? Session { get; }

    /// <summary>Whether this client reports consumed capacity.</summary>
    public bool ReportsCapacity { get; }

    /// <summary>The mirror whose side this client is (its writes are mirrored to the other side); absent for a session's own client.</summary>
    public SessionMirror? Mirror { get; }

    /// <summary>Which side of <see cref="Mirror"/> this client sends to.</summary>
    public int MirrorSide { get; }

    /// <summary>
    /// Makes the client, with the capacity step when <paramref name="reportCapacity"/> is true and the mirror step when
    /// <paramref name="mirror"/> is given.
    /// </summary>
    public static SessionDynamoClient Create(AWSCredentials credentials, AmazonDynamoDBConfig config, AwsSession session, bool reportCapacity, SessionMirror? mirror = null)
        => new(credentials, config, session, reportCapacity, mirror);

    /// <summary>GetItem, its body read by <paramref name="unmarshaller"/> (which must answer a <see cref="GetItemResponse"/>).</summary>
    public Task<GetItemResponse> GetItemAsync(GetItemRequest request, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken) =>
        Invoke<GetItemResponse>(request, GetItemRequestMarshaller.Instance, unmarshaller, GetItemEndpointDiscoveryMarshaller.Instance, cancellationToken);

    /// <summary>Query, its body read by <paramref name="unmarshaller"/>.</summary>
    public Task<QueryResponse> QueryAsync(QueryRequest request, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken) =>
        Invoke<QueryResponse>(request, QueryRequestMarshaller.Instance, unmarshaller, QueryEndpointDiscoveryMarshaller.Instance, cancellationToken);

    /// <summary>Scan, its body read by <paramref name="unmarshaller"/>.</summary>
    public Task<ScanResponse> ScanAsync(ScanRequest request, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken) =>
        Invoke<ScanResponse>(request, ScanRequestMarshaller.Instance, unmarshaller, ScanEndpointDiscoveryMarshaller.Instance, cancellationToken);

    /// <summary>BatchGetItem, its body read by <paramref name="unmarshaller"/>.</summary>
    public Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken) =>
        Invoke<BatchGetItemResponse>(request, BatchGetItemRequestMarshaller.Instance, unmarshaller, BatchGetItemEndpointDiscoveryMarshaller.Instance, cancellationToken);

    /// <summary>TransactGetItems, its body read by <paramref name="unmarshaller"/>.</summary>
    public Task<TransactGetItemsResponse> TransactGetItemsAsync(TransactGetItemsRequest request, ResponseUnmarshaller unmarshaller, CancellationToken cancellationToken) =>
        Invoke<TransactGetItemsResponse>(request, TransactGetItemsRequestMarshaller.Instance, unmarshaller, TransactGetItemsEndpointDiscoveryMarshaller.Instance, cancellationToken);

    /// <inheritdoc/>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);

        // The endpoint resolver reads the credentials synchronously (for account-based endpoints); fetched first, on the
        // async path, it only finds them in the cache.
        pipeline.AddHandlerBefore<AmazonDynamoDBEndpointResolver>(new CredentialsFirst());

        // Called by the base constructor, before ReportsCapacity and Session are set: the step reads both per request and
        // passes a request straight on when the client does not report capacity.
        pipeline.AddHandlerBefore<Marshaller>(new CapacityReporting(this));

        // Also before Mirror is set, and also read per request: a client that is no mirror's side passes requests on.
        pipeline.AddHandlerBefore<Marshaller>(new MirrorStep(this));
    }

    // What the SDK's own operation methods set (AmazonDynamoDBClient.GetItemAsync and the others), with another unmarshaller.
    private Task<R> Invoke<R>(
        AmazonWebServiceRequest request,
        IMarshaller<IRequest, AmazonWebServiceRequest> marshaller,
        ResponseUnmarshaller unmarshaller,
        IMarshaller<EndpointDiscoveryDataBase, AmazonWebServiceRequest> discovery,
        CancellationToken cancellationToken)
        where R : AmazonWebServiceResponse, new()
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = marshaller,
            ResponseUnmarshaller = unmarshaller,
            EndpointDiscoveryMarshaller = discovery,
            EndpointOperation = EndpointOperation,
        };
        return InvokeAsync<R>(request, options, cancellationToken);
    }
}

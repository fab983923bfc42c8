using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Internal;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace SessionEffects;

/// <summary>
/// A session's DynamoDB client: the SDK's own, with <see cref="CredentialsFirst"/> in its pipeline (so no request, ours or
/// a caller's using the client directly, fetches credentials synchronously) and, when it was made while
/// <see cref="SessionEffectsDiagnostics.RecordConsumedCapacity"/> was on, <see cref="CapacityReporting"/>; for one side of a
/// mirrored session, <see cref="MirrorStep"/>.
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
}

using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace SessionEffects;

/// <summary>
/// A session's DynamoDB client with <see cref="CapacityReporting"/> in its pipeline: made instead of the plain client
/// while <see cref="SessionEffectsDiagnostics.RecordConsumedCapacity"/> is on, so a client without it carries nothing.
/// </summary>
internal sealed class CapacityReportingClient : AmazonDynamoDBClient
{
    public CapacityReportingClient(AWSCredentials credentials, AmazonDynamoDBConfig config, AwsSession session)
        : base(credentials, config) => Session = session;

    /// <summary>The session whose label the capacity is reported under (set once the base constructor has run).</summary>
    public AwsSession? Session { get; }

    /// <inheritdoc/>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        // Called by the base constructor, before Session is set: the step reads the session when a response arrives.
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerBefore<Marshaller>(new CapacityReporting(this));
    }
}

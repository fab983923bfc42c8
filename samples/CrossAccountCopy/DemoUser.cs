using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects.Samples.CrossAccountCopy;

/// <summary>The demo's table mapping: one class, used against two accounts.</summary>
[DynamoDBTable("session-effects-demo-users")]
public sealed class DemoUser
{
    /// <summary>The user id (hash key).</summary>
    [DynamoDBHashKey("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The user's name.</summary>
    [DynamoDBProperty("name")]
    public string Name { get; set; } = string.Empty;
}

using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects.Properties.Pool;

/// <summary>A small item a tenant writes; <see cref="Tenant"/> says whose it was meant to be, so misrouting shows.</summary>
[DynamoDBTable("tenant_items")]
public sealed class TenantItem
{
    [DynamoDBHashKey("id")]
    public string Id { get; set; } = string.Empty;

    [DynamoDBProperty("tenant")]
    public string Tenant { get; set; } = string.Empty;
}

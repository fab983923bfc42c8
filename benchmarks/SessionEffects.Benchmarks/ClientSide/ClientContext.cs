using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// The <c>DynamoDBContext</c> users would pick instead of the library, on the same client: V2 conversion, empty
/// strings kept (as the library stores them) and no DescribeTable (its metadata would otherwise be fetched once and
/// cached; the canned handler has no answer for it).
/// </summary>
internal static class ClientContext
{
    public static DynamoDBContext For(IAmazonDynamoDB client) =>
        new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(c =>
            {
                c.DisableFetchingTableMetadata = true;
                c.Conversion = DynamoDBEntryConversion.V2;
                c.IsEmptyStringValueEnabled = true;
            })
            .Build();
}

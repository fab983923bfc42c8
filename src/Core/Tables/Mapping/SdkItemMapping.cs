using System;
using System.Diagnostics.CodeAnalysis;
using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace SessionEffects;

/// <summary>
/// The SDK's object-persistence path for <typeparamref name="T"/>: <c>DynamoDBContext</c> documents converted to and
/// from attribute maps by the table the context derives from the class, exactly as <c>SaveAsync</c> and
/// <c>LoadAsync</c> do it (conversion schema V2, empty strings kept, epoch dates as numbers). The compiled mapping falls
/// back to it for a class it does not cover and for an item whose stored form it does not expect.
/// </summary>
internal sealed class SdkItemMapping<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>
    where T : class, new()
{
    private readonly DynamoDBContext context;
    private readonly Amazon.DynamoDBv2.DocumentModel.ITable? sdkTable;

    public SdkItemMapping(SaveRules rules)
    {
        // The SDK's context wants a client even though conversion never sends a request. This one points at a closed
        // loopback port and has no credentials, so a request sent by mistake fails at once and reaches no account.
        var offline = new AmazonDynamoDBClient(new AnonymousAWSCredentials(), new AmazonDynamoDBConfig
        {
            ServiceURL = "http://127.0.0.1:9",
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
        context = new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => offline)
            .ConfigureContext(c =>
            {
                // Metadata comes from the class attributes: no DescribeTable, ever.
                c.DisableFetchingTableMetadata = true;
                c.Conversion = AttributeValues.Conversion;
                c.IsEmptyStringValueEnabled = true;
                c.RetrieveDateTimeInUtc = rules.RetrieveDateTimeInUtc;
            })
            .Build();

        // The context's table for the class knows which attributes are stored as epoch seconds; Document alone does not.
        // A class the context cannot make a table of is still converted, as documents only (without epoch storage).
        try
        {
            sdkTable = context.GetTargetTable<T>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or AmazonClientException)
        {
            sdkTable = null;
        }
    }

    /// <summary>
    /// The item as an attribute map for a write; the stored names of its null properties go to <paramref name="nulls"/>
    /// when given (the entries of the SDK's document that store nothing: exactly what DynamoDBContext's save removes).
    /// </summary>
    public Dictionary<string, AttributeValue> ToAttributes(T item, List<string>? nulls = null)
    {
        var document = context.ToDocument(item);
        var map = sdkTable?.ToAttributeMap(document) ?? AttributeValues.Map(document);
        if (nulls is not null)
        {
            foreach (var name in document.Keys)
            {
                if (!map.ContainsKey(name))
                {
                    nulls.Add(name);
                }
            }
        }

        return map;
    }

    /// <summary>The item an attribute map holds.</summary>
    public T FromAttributes(Dictionary<string, AttributeValue> attributes) =>
        context.FromDocument<T>(sdkTable?.FromAttributeMap(attributes) ?? Document.FromAttributeMap(attributes));
}

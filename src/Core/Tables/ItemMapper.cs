using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace SessionEffects;

/// <summary>
/// Converts items of <typeparamref name="T"/> to and from attribute maps using the SDK's object-persistence rules
/// (<c>[DynamoDBProperty]</c> names, converters, epoch dates). One per table, shared by every session: mapping is about
/// the class, not the account, so a switch never rebuilds it.
/// </summary>
internal sealed class ItemMapper<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>
    where T : class, new()
{
    private readonly Table table;
    private readonly DynamoDBContext context;

    public ItemMapper(Table table)
    {
        this.table = table;

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
            })
            .Build();
    }

    /// <summary>The item as an attribute map for PutItem or BatchWriteItem.</summary>
    public Dictionary<string, AttributeValue> ToAttributes(T item) =>
        AttributeValues.Map(context.ToDocument(item));

    /// <summary>The item an attribute map holds.</summary>
    public T FromAttributes(Dictionary<string, AttributeValue> attributes) =>
        context.FromDocument<T>(Document.FromAttributeMap(attributes));

    /// <summary>The primary key of an item.</summary>
    public Dictionary<string, AttributeValue> KeyOf(T item)
    {
        var all = ToAttributes(item);
        var key = new Dictionary<string, AttributeValue>(2, StringComparer.Ordinal);
        foreach (var k in KeyNames())
        {
            key[k] = all.TryGetValue(k, out var v) ? v : throw new ArgumentException($"{typeof(T).Name} item has no value for key attribute '{k}' of table {table.Name}.", nameof(item));
        }

        return key;
    }

    /// <summary>The primary key from key values, checked against the table's key types before any request.</summary>
    public Dictionary<string, AttributeValue> Key(object hashKey, object? rangeKey) => KeyValues.KeyOf(table, hashKey, rangeKey);

    private IEnumerable<string> KeyNames()
    {
        yield return table.HashKey.AttributeName;
        if (table.RangeKey is { } range)
        {
            yield return range.AttributeName;
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>Turns a table descriptor into the CreateTable request that builds it: keys, key types and indexes.</summary>
internal static class TableSchema
{
    public static CreateTableRequest CreateRequest(Table table, CreateTableOptions options)
    {
        var provisioned = options.ReadCapacityUnits is not null || options.WriteCapacityUnits is not null;
        var throughput = provisioned
            ? new ProvisionedThroughput(options.ReadCapacityUnits ?? 1, options.WriteCapacityUnits ?? 1)
            : null;

        var attributes = new Dictionary<string, ScalarAttributeType>(System.StringComparer.Ordinal);
        void Define(KeyAttribute? key)
        {
            if (key is not null)
            {
                attributes[key.AttributeName] = key.Type;
            }
        }

        Define(table.HashKey);
        Define(table.RangeKey);
        foreach (var index in table.Indexes)
        {
            Define(index.HashKey);
            Define(index.RangeKey);
        }

        var all = new Projection { ProjectionType = ProjectionType.ALL };
        var global = table.Indexes.Where(i => i.IsGlobal).Select(i => new GlobalSecondaryIndex
        {
            IndexName = i.Name,
            KeySchema = Keys(i.HashKey, i.RangeKey),
            Projection = all,
            ProvisionedThroughput = throughput,
        }).ToList();
        var local = table.Indexes.Where(i => !i.IsGlobal).Select(i => new LocalSecondaryIndex
        {
            IndexName = i.Name,
            KeySchema = Keys(i.HashKey, i.RangeKey),
            Projection = all,
        }).ToList();

        return new CreateTableRequest
        {
            TableName = table.Name,
            KeySchema = Keys(table.HashKey, table.RangeKey),
            AttributeDefinitions = attributes.Select(a => new AttributeDefinition(a.Key, a.Value)).ToList(),
            BillingMode = provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
            ProvisionedThroughput = throughput,
            GlobalSecondaryIndexes = global.Count == 0 ? null : global,
            LocalSecondaryIndexes = local.Count == 0 ? null : local,
        };
    }

    private static List<KeySchemaElement> Keys(KeyAttribute hash, KeyAttribute? range)
    {
        var keys = new List<KeySchemaElement> { new(hash.AttributeName, KeyType.HASH) };
        if (range is not null)
        {
            keys.Add(new KeySchemaElement(range.AttributeName, KeyType.RANGE));
        }

        return keys;
    }
}

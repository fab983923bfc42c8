using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Turns a table descriptor and its options into the CreateTable request that builds it: keys, key types, indexes with
/// their projections and capacities, billing, stream, tags and deletion protection. Checks the options against the
/// descriptor first, so a wrong index name or capacity fails before anything is sent.
/// </summary>
internal static class TableSchema
{
    /// <exception cref="ArgumentException">An index option names no index of the table, or gives a capacity where none applies.</exception>
    public static CreateTableRequest CreateRequest(DynamoTable table, CreateTableOptions options)
    {
        var provisioned = options.ReadCapacityUnits is not null || options.WriteCapacityUnits is not null;
        var byIndex = CheckIndexOptions(table, options, provisioned);
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

        IndexOptions For(SecondaryIndex index) => byIndex.GetValueOrDefault(index.Name) ?? new IndexOptions(index.Name);
        var global = table.Indexes.Where(i => i.IsGlobal).Select(i => new GlobalSecondaryIndex
        {
            IndexName = i.Name,
            KeySchema = Keys(i.HashKey, i.RangeKey),
            Projection = For(i).Projection.ToProjection(),
            ProvisionedThroughput = throughput is null ? null
                : new ProvisionedThroughput(For(i).ReadCapacityUnits ?? throughput.ReadCapacityUnits, For(i).WriteCapacityUnits ?? throughput.WriteCapacityUnits),
        }).ToList();
        var local = table.Indexes.Where(i => !i.IsGlobal).Select(i => new LocalSecondaryIndex
        {
            IndexName = i.Name,
            KeySchema = Keys(i.HashKey, i.RangeKey),
            Projection = For(i).Projection.ToProjection(),
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
            StreamSpecification = options.Stream is { } view ? new StreamSpecification { StreamEnabled = true, StreamViewType = view } : null,
            Tags = options.Tags is { Count: > 0 } tags ? tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() : null,
            DeletionProtectionEnabled = options.DeletionProtection ? true : null,
        };
    }

    private static Dictionary<string, IndexOptions> CheckIndexOptions(DynamoTable table, CreateTableOptions options, bool provisioned)
    {
        var byIndex = new Dictionary<string, IndexOptions>(StringComparer.Ordinal);
        foreach (var o in options.Indexes)
        {
            var index = table.Indexes.FirstOrDefault(i => i.Name == o.IndexName)
                ?? throw new ArgumentException($"CreateTable {table.Name}: index options name '{o.IndexName}', which the class does not declare (declared: {(table.Indexes.IsEmpty ? "none" : string.Join(", ", table.Indexes.Select(i => i.Name)))}).", nameof(options));
            var capacity = o.ReadCapacityUnits is not null || o.WriteCapacityUnits is not null;
            if (capacity && !index.IsGlobal)
            {
                throw new ArgumentException($"CreateTable {table.Name}: local index '{o.IndexName}' shares the table's capacity; it cannot have its own.", nameof(options));
            }

            if (capacity && !provisioned)
            {
                throw new ArgumentException($"CreateTable {table.Name}: index '{o.IndexName}' has a provisioned capacity, but the table is on-demand (no table capacity given).", nameof(options));
            }

            if (!byIndex.TryAdd(o.IndexName, o))
            {
                throw new ArgumentException($"CreateTable {table.Name}: index '{o.IndexName}' has options twice.", nameof(options));
            }
        }

        return byIndex;
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

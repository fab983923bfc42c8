using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A table known only by its DynamoDB description (no class): its keys and indexes, for operations that move items as
/// stored — copying and verifying a table by name. Its items are attribute maps.
/// </summary>
internal sealed class DescribedTable : DynamoTable
{
    private DescribedTable(TableShape shape)
        : base(typeof(Dictionary<string, AttributeValue>), shape)
    {
    }

    /// <summary>The table a description describes.</summary>
    public static DescribedTable From(TableDescription description)
    {
        var types = description.AttributeDefinitions.ToDictionary(a => a.AttributeName, a => a.AttributeType, StringComparer.Ordinal);
        KeyAttribute Key(string name) =>
            new(name, name, types[name], types[name] == ScalarAttributeType.N ? typeof(decimal) : types[name] == ScalarAttributeType.B ? typeof(byte[]) : typeof(string));
        (KeyAttribute Hash, KeyAttribute? Range) Keys(List<KeySchemaElement> schema) =>
            (Key(schema.First(k => k.KeyType == KeyType.HASH).AttributeName),
             schema.FirstOrDefault(k => k.KeyType == KeyType.RANGE) is { } r ? Key(r.AttributeName) : null);

        var (hash, range) = Keys(description.KeySchema);
        var indexes = (description.GlobalSecondaryIndexes ?? []).Select(g => (g.IndexName, Global: true, Keys: Keys(g.KeySchema)))
            .Concat((description.LocalSecondaryIndexes ?? []).Select(l => (l.IndexName, Global: false, Keys: Keys(l.KeySchema))))
            .Select(i => new SecondaryIndex(i.IndexName, i.Global, i.Keys.Hash, i.Keys.Range))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        return new DescribedTable(new TableShape(description.TableName, hash, range, indexes, null, [], SaveRules.None));
    }
}

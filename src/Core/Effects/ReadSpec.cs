using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A fully translated Query or Scan, independent of any session: expressions, placeholders and values. Built once,
/// it can run under any session; each page becomes one request.
/// </summary>
internal sealed record ReadSpec(Table Table, bool IsQuery)
{
    public string? IndexName { get; init; }

    public string? KeyCondition { get; init; }

    public string? Filter { get; init; }

    public string? Projection { get; init; }

    public ImmutableDictionary<string, string> Names { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, AttributeValue> Values { get; init; } = ImmutableDictionary<string, AttributeValue>.Empty;

    public int? Limit { get; init; }

    public int? PageSize { get; init; }

    public bool ConsistentRead { get; init; }

    public bool Descending { get; init; }

    public string Operation => IsQuery ? "Query" : "Scan";

    /// <summary>The read a translated LINQ query describes.</summary>
    public static ReadSpec From(Table table, QueryTranslation t) => new(table, t.Operation == "Query")
    {
        IndexName = t.IndexName,
        KeyCondition = t.KeyConditionExpression,
        Filter = t.FilterExpression,
        Projection = t.ProjectionExpression,
        Names = t.ExpressionAttributeNames.ToImmutableDictionary(StringComparer.Ordinal),
        Values = t.ExpressionAttributeValues.ToImmutableDictionary(StringComparer.Ordinal),
        Limit = t.Limit,
        PageSize = t.PageSize,
        ConsistentRead = t.ConsistentRead,
        Descending = !t.ScanIndexForward,
    };

    public static ReadSpec ForScan(Table table, ScanOptions? options)
    {
        options ??= new ScanOptions();
        CheckIndex(table, options.IndexName);
        return WithFilter(new ReadSpec(table, IsQuery: false)
        {
            IndexName = options.IndexName,
            Limit = CheckPositive(options.Limit, nameof(options.Limit)),
            PageSize = CheckPositive(options.PageSize, nameof(options.PageSize)),
            ConsistentRead = options.ConsistentRead,
        }, options.Filter);
    }

    public static ReadSpec ForQuery(Table table, object hashKey, QueryOptions? options)
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        options ??= new QueryOptions();
        var index = CheckIndex(table, options.IndexName);
        var hash = index?.HashKey ?? table.HashKey;
        var range = index is null ? table.RangeKey : index.RangeKey;
        var names = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var values = ImmutableDictionary.CreateBuilder<string, AttributeValue>(StringComparer.Ordinal);
        names["#se_h"] = hash.AttributeName;
        values[":se_h"] = ItemValue(hash, hashKey);
        var keyCondition = "#se_h = :se_h";
        if (options.Range is { } condition)
        {
            if (range is null)
            {
                throw new ArgumentException($"{(index is null ? $"Table {table.Name}" : $"Index {index.Name} of {table.Name}")} has no range key; a range key condition cannot apply.", nameof(options));
            }

            names["#se_r"] = range.AttributeName;
            values[":se_r0"] = ItemValue(range, condition.Values[0]);
            if (condition.Values.Length > 1)
            {
                values[":se_r1"] = ItemValue(range, condition.Values[1]);
            }

            keyCondition += " AND " + condition.Render("#se_r", ":se_r0", ":se_r1");
        }

        return WithFilter(new ReadSpec(table, IsQuery: true)
        {
            IndexName = options.IndexName,
            KeyCondition = keyCondition,
            Names = names.ToImmutable(),
            Values = values.ToImmutable(),
            Limit = CheckPositive(options.Limit, nameof(options.Limit)),
            PageSize = CheckPositive(options.PageSize, nameof(options.PageSize)),
            ConsistentRead = options.ConsistentRead,
            Descending = options.Descending,
        }, options.Filter);
    }

    public QueryRequest ToQuery(Dictionary<string, AttributeValue>? start, bool countOnly) => new()
    {
        TableName = Table.Name,
        IndexName = IndexName,
        KeyConditionExpression = KeyCondition,
        FilterExpression = Filter,
        ProjectionExpression = countOnly ? null : Projection,
        ExpressionAttributeNames = Names.Count == 0 ? null : new Dictionary<string, string>(Names),
        ExpressionAttributeValues = Values.Count == 0 ? null : new Dictionary<string, AttributeValue>(Values),
        Limit = PageSize,
        ConsistentRead = ConsistentRead ? true : null,
        ScanIndexForward = Descending ? false : null,
        ExclusiveStartKey = start,
        Select = countOnly ? Select.COUNT : null,
    };

    public ScanRequest ToScan(Dictionary<string, AttributeValue>? start, bool countOnly) => new()
    {
        TableName = Table.Name,
        IndexName = IndexName,
        FilterExpression = Filter,
        ProjectionExpression = countOnly ? null : Projection,
        ExpressionAttributeNames = Names.Count == 0 ? null : new Dictionary<string, string>(Names),
        ExpressionAttributeValues = Values.Count == 0 ? null : new Dictionary<string, AttributeValue>(Values),
        Limit = PageSize,
        ConsistentRead = ConsistentRead ? true : null,
        ExclusiveStartKey = start,
        Select = countOnly ? Select.COUNT : null,
    };

    private static ReadSpec WithFilter(ReadSpec spec, DynamoCondition? filter)
    {
        if (filter is null)
        {
            return spec;
        }

        if (filter.Names.Keys.Concat(filter.Values.Keys).FirstOrDefault(k => k.StartsWith("#se_", StringComparison.Ordinal) || k.StartsWith(":se_", StringComparison.Ordinal)) is { } reserved)
        {
            throw new ArgumentException($"Filter placeholder {reserved} uses the reserved prefix se_; rename it.", nameof(filter));
        }

        return spec with
        {
            Filter = filter.Expression,
            Names = spec.Names.SetItems(filter.Names),
            Values = spec.Values.SetItems(filter.Values.Select(kv => KeyValuePair.Create(kv.Key, AttributeValues.From(kv.Value)))),
        };
    }

    private static SecondaryIndex? CheckIndex(Table table, string? indexName) =>
        indexName is null ? null
        : table.Indexes.FirstOrDefault(i => i.Name == indexName)
          ?? throw new ArgumentException(
              $"Table {table.Name} has no index named '{indexName}' (declared: {(table.Indexes.IsEmpty ? "none" : string.Join(", ", table.Indexes.Select(i => i.Name)))}).",
              nameof(indexName));

    private static AttributeValue ItemValue(KeyAttribute key, object value) => KeyValues.Of(key, value);

    private static int? CheckPositive(int? value, string name) =>
        value is <= 0 ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.") : value;
}

using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The one form of a read — a Query or a Scan — independent of any session: the expressions written through one
/// <see cref="ExpressionWriter"/>, their placeholders, and how to page. <c>scan</c>, <c>query</c>, <c>count</c>, copies
/// and LINQ queries all become one of these; each page becomes one request.
/// </summary>
internal sealed record ReadSpec
{
    private ReadSpec(Table table, bool isQuery, string? keyCondition, string? filter, string? projection, ExpressionWriter writer)
    {
        Table = table;
        IsQuery = isQuery;
        KeyCondition = keyCondition;
        Filter = filter;
        Projection = projection;
        Names = writer.Names;
        Values = writer.Values;
    }

    public Table Table { get; }

    public bool IsQuery { get; }

    public string? KeyCondition { get; }

    public string? Filter { get; }

    public string? Projection { get; }

    /// <summary>Name placeholders of every expression above; shared read-only by all page requests.</summary>
    public IReadOnlyDictionary<string, string>? Names { get; }

    /// <summary>Value placeholders of every expression above; shared read-only by all page requests.</summary>
    public IReadOnlyDictionary<string, AttributeValue>? Values { get; }

    public string? IndexName { get; init; }

    public int? Limit { get; init; }

    public int? PageSize { get; init; }

    public bool ConsistentRead { get; init; }

    public bool Descending { get; init; }

    public string Operation => IsQuery ? "Query" : "Scan";

    /// <summary>
    /// A read whose expressions are written by <paramref name="expressions"/> through one new writer, so the key
    /// condition, the filter and the projection share one set of placeholders.
    /// </summary>
    public static ReadSpec Write(Table table, bool isQuery, Func<ExpressionWriter, (string? Key, string? Filter, string? Projection)> expressions)
    {
        var writer = new ExpressionWriter();
        var (key, filter, projection) = expressions(writer);
        return new ReadSpec(table, isQuery, key, filter, projection, writer);
    }

    /// <summary>A scan of the table or an index, as the options say.</summary>
    /// <exception cref="ArgumentException">The index does not exist, a consistent read asks a global index, or a number is not positive.</exception>
    public static ReadSpec ForScan(Table table, ScanOptions? options)
    {
        options ??= new ScanOptions();
        CheckConsistency(table, CheckIndex(table, options.IndexName), options.ConsistentRead);
        return Write(table, isQuery: false, w => (null, options.Filter?.Render(w, table), null)) with
        {
            IndexName = options.IndexName,
            Limit = CheckPositive(options.Limit, nameof(options.Limit)),
            PageSize = CheckPositive(options.PageSize, nameof(options.PageSize)),
            ConsistentRead = options.ConsistentRead,
        };
    }

    /// <summary>A query for one hash key value of the table or an index, as the options say.</summary>
    /// <exception cref="ArgumentException">
    /// The index does not exist, a key value does not fit, a range condition is given where there is no range key, a
    /// consistent read asks a global index, or a number is not positive.
    /// </exception>
    public static ReadSpec ForQuery(Table table, object hashKey, QueryOptions? options)
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        options ??= new QueryOptions();
        var index = CheckIndex(table, options.IndexName);
        CheckConsistency(table, index, options.ConsistentRead);
        var hash = index?.HashKey ?? table.HashKey;
        var range = index is null ? table.RangeKey : index.RangeKey;
        if (options.Range is not null && range is null)
        {
            throw new ArgumentException($"{Where(table, index)} has no range key; a range key condition cannot apply.", nameof(options));
        }

        return Write(table, isQuery: true, w =>
        {
            var key = $"{w.Name(hash.AttributeName)} = {w.Value(KeyValues.Of(hash, hashKey))}";
            if (options.Range is { } condition)
            {
                key += " AND " + condition.Render(w, range!);
            }

            return (key, options.Filter?.Render(w, table), null);
        }) with
        {
            IndexName = options.IndexName,
            Limit = CheckPositive(options.Limit, nameof(options.Limit)),
            PageSize = CheckPositive(options.PageSize, nameof(options.PageSize)),
            ConsistentRead = options.ConsistentRead,
            Descending = options.Descending,
        };
    }

    /// <summary>The Query request for one page.</summary>
    public QueryRequest ToQuery(Dictionary<string, AttributeValue>? start, bool countOnly) => new()
    {
        TableName = Table.Name,
        IndexName = IndexName,
        KeyConditionExpression = KeyCondition,
        FilterExpression = Filter,
        ProjectionExpression = countOnly ? null : Projection,
        ExpressionAttributeNames = NamesFor(countOnly),
        ExpressionAttributeValues = Values is null ? null : new Dictionary<string, AttributeValue>(Values),
        Limit = PageSize,
        ConsistentRead = ConsistentRead ? true : null,
        ScanIndexForward = Descending ? false : null,
        ExclusiveStartKey = start,
        Select = countOnly ? Select.COUNT : null,
    };

    /// <summary>The Scan request for one page.</summary>
    public ScanRequest ToScan(Dictionary<string, AttributeValue>? start, bool countOnly) => new()
    {
        TableName = Table.Name,
        IndexName = IndexName,
        FilterExpression = Filter,
        ProjectionExpression = countOnly ? null : Projection,
        ExpressionAttributeNames = NamesFor(countOnly),
        ExpressionAttributeValues = Values is null ? null : new Dictionary<string, AttributeValue>(Values),
        Limit = PageSize,
        ConsistentRead = ConsistentRead ? true : null,
        ExclusiveStartKey = start,
        Select = countOnly ? Select.COUNT : null,
    };

    /// <summary>What this read is, in DynamoDB's terms, for people reading it.</summary>
    public QueryTranslation Describe() => new()
    {
        Operation = Operation,
        TableName = Table.Name,
        IndexName = IndexName,
        KeyConditionExpression = KeyCondition,
        FilterExpression = Filter,
        ProjectionExpression = Projection,
        ExpressionAttributeNames = Names ?? new Dictionary<string, string>(),
        ExpressionAttributeValues = Values ?? new Dictionary<string, AttributeValue>(),
        Limit = Limit,
        PageSize = PageSize,
        ScanIndexForward = !Descending,
        ConsistentRead = ConsistentRead,
    };

    /// <summary>
    /// The name placeholders a request uses. A count sends no projection, so names only the projection used are left
    /// out (DynamoDB rejects unused placeholders).
    /// </summary>
    private Dictionary<string, string>? NamesFor(bool countOnly)
    {
        if (Names is null)
        {
            return null;
        }

        if (!countOnly || Projection is null)
        {
            return new Dictionary<string, string>(Names);
        }

        var used = Names.Where(kv => UsesName(KeyCondition, kv.Key) || UsesName(Filter, kv.Key)).ToDictionary(StringComparer.Ordinal);
        return used.Count == 0 ? null : used;
    }

    private static bool UsesName(string? expression, string placeholder)
    {
        if (expression is null)
        {
            return false;
        }

        for (var at = expression.IndexOf(placeholder, StringComparison.Ordinal); at >= 0; at = expression.IndexOf(placeholder, at + 1, StringComparison.Ordinal))
        {
            var end = at + placeholder.Length;
            if (end == expression.Length || !(char.IsAsciiLetterOrDigit(expression[end]) || expression[end] == '_'))
            {
                return true;
            }
        }

        return false;
    }

    private static SecondaryIndex? CheckIndex(Table table, string? indexName) =>
        indexName is null ? null
        : table.Indexes.FirstOrDefault(i => i.Name == indexName)
          ?? throw new ArgumentException(
              $"Table {table.Name} has no index named '{indexName}' (declared: {(table.Indexes.IsEmpty ? "none" : string.Join(", ", table.Indexes.Select(i => i.Name)))}).",
              nameof(indexName));

    private static void CheckConsistency(Table table, SecondaryIndex? index, bool consistentRead)
    {
        if (consistentRead && index is { IsGlobal: true })
        {
            throw new ArgumentException(
                $"Global secondary index '{index.Name}' of table {table.Name} does not support consistent reads (DynamoDB refuses them); read the table or a local index, or drop ConsistentRead.");
        }
    }

    private static string Where(Table table, SecondaryIndex? index) =>
        index is null ? $"Table {table.Name}" : $"Index {index.Name} of {table.Name}";

    private static int? CheckPositive(int? value, string name) =>
        value is <= 0 ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.") : value;
}

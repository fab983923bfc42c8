using System.Collections.Generic;
using System.Linq;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// What a query value becomes in DynamoDB terms: the operation, the expressions, and the placeholder maps. Inspect it
/// to debug a query; <see cref="ToString"/> shows the expressions and names but not the values (which may be personal
/// data) — <see cref="Describe"/> with <c>includeValues: true</c> shows them too.
/// </summary>
public sealed record QueryTranslation
{
    /// <summary><c>Query</c> or <c>Scan</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The table name.</summary>
    public required string TableName { get; init; }

    /// <summary>The index read, if any.</summary>
    public string? IndexName { get; init; }

    /// <summary>The key condition (queries only).</summary>
    public string? KeyConditionExpression { get; init; }

    /// <summary>The filter DynamoDB applies after reading.</summary>
    public string? FilterExpression { get; init; }

    /// <summary>The attributes read, when the query selects some.</summary>
    public string? ProjectionExpression { get; init; }

    /// <summary>Attribute-name placeholders (<c>#n0</c> → name): every attribute goes through one, so reserved words are safe.</summary>
    public required IReadOnlyDictionary<string, string> ExpressionAttributeNames { get; init; }

    /// <summary>Value placeholders (<c>:v0</c> → value), converted the way the SDK stores each property.</summary>
    public required IReadOnlyDictionary<string, AttributeValue> ExpressionAttributeValues { get; init; }

    /// <summary>At most this many items in all.</summary>
    public int? Limit { get; init; }

    /// <summary>Items evaluated per request.</summary>
    public int? PageSize { get; init; }

    /// <summary>False for descending order on the range key.</summary>
    public bool ScanIndexForward { get; init; } = true;

    /// <summary>Strongly consistent read.</summary>
    public bool ConsistentRead { get; init; }

    /// <summary>The request without values.</summary>
    public override string ToString() => Describe(includeValues: false);

    /// <summary>The request; values only when <paramref name="includeValues"/> is set.</summary>
    public string Describe(bool includeValues)
    {
        var text = new StringBuilder($"{Operation} {TableName}");
        if (IndexName is not null)
        {
            text.Append($" index={IndexName}");
        }

        void Part(string name, object? value)
        {
            if (value is not null)
            {
                text.Append($" {name}=[{value}]");
            }
        }

        Part("key", KeyConditionExpression);
        Part("filter", FilterExpression);
        Part("projection", ProjectionExpression);
        Part("limit", Limit);
        Part("pageSize", PageSize);
        if (!ScanIndexForward)
        {
            text.Append(" descending");
        }

        if (ConsistentRead)
        {
            text.Append(" consistent");
        }

        text.Append(" names={").Append(string.Join(", ", ExpressionAttributeNames.Select(kv => $"{kv.Key}={kv.Value}"))).Append('}');
        text.Append(" values={").Append(string.Join(", ", ExpressionAttributeValues.Select(kv => $"{kv.Key}={(includeValues ? Show(kv.Value) : "?")}"))).Append('}');
        return text.ToString();
    }

    private static string Show(AttributeValue v) =>
        v.S is not null ? $"\"{v.S}\""
        : v.N is not null ? v.N
        : v.BOOL is { } b ? (b ? "true" : "false")
        : v.NULL == true ? "null"
        : v.SS is { Count: > 0 } ss ? $"<<{string.Join(", ", ss.Select(s => $"\"{s}\""))}>>"
        : v.NS is { Count: > 0 } ns ? $"<<{string.Join(", ", ns)}>>"
        : v.B is not null ? "<binary>"
        : "<value>";
}

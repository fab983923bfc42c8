using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <content>
/// A read as what is sent and shown: the QueryRequest or ScanRequest of one page (with only the placeholders that page
/// uses) and its readable translation.
/// </content>
internal sealed partial record ReadSpec
{
    /// <summary>The Query request for one page.</summary>
    public QueryRequest ToQuery(Dictionary<string, AttributeValue>? start, bool countOnly) => new()
    {
        TableName = Placed,
        IndexName = IndexName,
        KeyConditionExpression = KeyCondition,
        FilterExpression = Filter,
        ProjectionExpression = countOnly ? null : Projection,
        ExpressionAttributeNames = NamesFor(countOnly),
        ExpressionAttributeValues = Values is null ? null : new Dictionary<string, AttributeValue>(Values),
        Limit = PageSize,
        ConsistentRead = ConsistentRead ? true : null,
        ScanIndexForward = Descending ? false : null,
        ExclusiveStartKey = start ?? Start,
        Select = countOnly ? Select.COUNT : null,
    };

    /// <summary>The Scan request for one page.</summary>
    public ScanRequest ToScan(Dictionary<string, AttributeValue>? start, bool countOnly) => new()
    {
        TableName = Placed,
        IndexName = IndexName,
        FilterExpression = Filter,
        ProjectionExpression = countOnly ? null : Projection,
        ExpressionAttributeNames = NamesFor(countOnly),
        ExpressionAttributeValues = Values is null ? null : new Dictionary<string, AttributeValue>(Values),
        Limit = PageSize,
        ConsistentRead = ConsistentRead ? true : null,
        ExclusiveStartKey = start ?? Start,
        Segment = Segment,
        TotalSegments = TotalSegments,
        Select = countOnly ? Select.COUNT : null,
    };

    /// <summary>The decoded start key; a start token must have been decoded for the session first (<see cref="From"/>).</summary>
    private Dictionary<string, AttributeValue>? Start =>
        StartToken is null ? StartKey : throw new InvalidOperationException($"{Operation} of table {Table.Name}: the start token was not checked against the session before sending.");

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

    /// <summary>The physical table; a read that was never placed is a bug here, not a request to the logical table.</summary>
    private string Placed => TableName ?? throw new InvalidOperationException($"A {Operation} of table {Table.Name} was not placed in a physical table before it was sent.");

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
}

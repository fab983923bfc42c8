using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Splits a query's conditions into DynamoDB's key condition and filter, checks what DynamoDB allows (a hash-key
/// equality for a Query, no key attributes in a Query's filter, descending only on the range key), and renders the
/// expressions with placeholders for every name and value.
/// </summary>
internal static class QueryTranslator
{
    public static (QueryTranslation Translation, ReadSpec Spec) Translate(Table table, QueryState state)
    {
        var index = state.IndexName is null ? null : table.Indexes.First(i => i.Name == state.IndexName);
        var hash = index?.HashKey ?? table.HashKey;
        var range = index is null ? table.RangeKey : index.RangeKey;
        var conjuncts = state.Conditions.SelectMany(Flatten).ToList();
        var where = index is null ? $"table {table.Name}" : $"index {index.Name} of {table.Name}";

        var hashEquality = conjuncts.OfType<Comparison>().FirstOrDefault(c => c.Operator == "=" && Is(c.Property, hash));
        var isQuery = hashEquality is not null;
        if (!isQuery && !state.AllowScan)
        {
            var viaIndex = index is null
                ? table.Indexes.FirstOrDefault(i => conjuncts.OfType<Comparison>().Any(c => c.Operator == "=" && Is(c.Property, i.HashKey)))
                : null;
            throw new InvalidOperationException(viaIndex is not null
                ? $"Not a query of {where}: there is no == on its hash key '{hash.AttributeName}', but there is one on '{viaIndex.HashKey.AttributeName}', the hash key of index '{viaIndex.Name}'. Call UsingIndex(\"{viaIndex.Name}\") to query that index, or AsScan() to scan."
                : $"Not a query of {where}: a query needs == on the hash key '{hash.AttributeName}'. Call AsScan() to read the whole {(index is null ? "table" : "index")} with this filter instead (a Scan reads every item).");
        }

        if (state.OrderBy is { } orderBy)
        {
            if (!isQuery)
            {
                throw new InvalidOperationException($"A scan of {where} returns items in no particular order; ordering needs a query (== on the hash key).");
            }

            if (range is null || !Is(orderBy, range))
            {
                throw new InvalidOperationException($"DynamoDB orders a query of {where} by its range key{(range is null ? " and it has none" : $" '{range.AttributeName}'")}; '{AttributeNaming.NameOf(orderBy)}' cannot be ordered by.");
            }
        }

        if (state.ConsistentRead && index is { IsGlobal: true })
        {
            throw new InvalidOperationException($"Global secondary index '{index.Name}' does not support consistent reads.");
        }

        var renderer = new Renderer();
        string? keyCondition = null;
        var filters = conjuncts;
        if (isQuery)
        {
            filters = [.. conjuncts.Where(c => !ReferenceEquals(c, hashEquality))];
            var key = renderer.Render(hashEquality!);
            var rangeParts = range is null ? [] : filters.Where(c => c is Comparison or BeginsWith && Mentions(c, range)).ToList();
            if (rangeParts.Count > 0)
            {
                key += " AND " + RangeCondition(rangeParts, renderer, where);
                filters = [.. filters.Except(rangeParts)];
            }

            keyCondition = key;
            var keyInFilter = filters.FirstOrDefault(c => Mentions(c, hash) || (range is not null && Mentions(c, range)));
            if (keyInFilter is not null)
            {
                throw new InvalidOperationException(
                    $"A query of {where} cannot filter on its key attributes ('{hash.AttributeName}'{(range is null ? string.Empty : $", '{range.AttributeName}'")}) except as the key condition (== on the hash key, one range condition or >= and <= together); move that part into a separate query or call AsScan().");
            }
        }

        var filter = filters.Count == 0 ? null : string.Join(" AND ", filters.Select(renderer.Render));
        var projection = state.Projection.IsEmpty ? null : string.Join(", ", state.Projection.Select(renderer.Name));
        var translation = new QueryTranslation
        {
            Operation = isQuery ? "Query" : "Scan",
            TableName = table.Name,
            IndexName = state.IndexName,
            KeyConditionExpression = keyCondition,
            FilterExpression = filter,
            ProjectionExpression = projection,
            ExpressionAttributeNames = renderer.Names,
            ExpressionAttributeValues = renderer.Values,
            Limit = state.Limit,
            PageSize = state.PageSize,
            ScanIndexForward = !state.Descending,
            ConsistentRead = state.ConsistentRead,
        };
        return (translation, ReadSpec.From(table, translation));
    }

    private static string RangeCondition(List<Condition> parts, Renderer renderer, string where)
    {
        if (parts.Count == 1 && parts[0] is Comparison { Operator: not "<>" } or BeginsWith)
        {
            return renderer.Render(parts[0]);
        }

        if (parts.Count == 2 && parts.OfType<Comparison>().Count() == 2)
        {
            var low = parts.Cast<Comparison>().FirstOrDefault(c => c.Operator == ">=");
            var high = parts.Cast<Comparison>().FirstOrDefault(c => c.Operator == "<=");
            if (low is not null && high is not null)
            {
                return $"{renderer.Name(low.Property)} BETWEEN {renderer.Value(low.Value)} AND {renderer.Value(high.Value)}";
            }
        }

        throw new InvalidOperationException(
            $"The range key of {where} allows one condition in a query (=, <, <=, >, >=, StartsWith) or >= and <= together (BETWEEN, both ends included); these cannot be combined: {string.Join(" AND ", parts.Select(p => renderer.Render(p)))}.");
    }

    private static IEnumerable<Condition> Flatten(Condition c) =>
        c is And and ? Flatten(and.Left).Concat(Flatten(and.Right)) : [c];

    private static bool Is(PropertyInfo property, KeyAttribute key) => AttributeNaming.NameOf(property) == key.AttributeName;

    private static bool Mentions(Condition c, KeyAttribute key) => c switch
    {
        Comparison x => Is(x.Property, key),
        BeginsWith x => Is(x.Property, key),
        Contains x => Is(x.Property, key),
        In x => Is(x.Property, key),
        HasValue x => Is(x.Property, key),
        And x => Mentions(x.Left, key) || Mentions(x.Right, key),
        Or x => Mentions(x.Left, key) || Mentions(x.Right, key),
        Not x => Mentions(x.Operand, key),
        _ => false,
    };

    /// <summary>Renders conditions, handing out one placeholder per attribute name and per value.</summary>
    private sealed class Renderer
    {
        private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AttributeValue> values = new(StringComparer.Ordinal);
        private string? nullType;

        public ImmutableDictionary<string, string> Names => names.ToImmutableDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

        public ImmutableDictionary<string, AttributeValue> Values => values.ToImmutableDictionary(StringComparer.Ordinal);

        public string Name(PropertyInfo property)
        {
            var attribute = AttributeNaming.NameOf(property);
            if (!names.TryGetValue(attribute, out var placeholder))
            {
                placeholder = $"#a{names.Count}";
                names[attribute] = placeholder;
            }

            return placeholder;
        }

        public string Value(AttributeValue value)
        {
            var placeholder = $":v{values.Count}";
            values[placeholder] = value;
            return placeholder;
        }

        public string Render(Condition c) =>
            c switch
            {
                Comparison x => $"{Name(x.Property)} {x.Operator} {Value(x.Value)}",
                BeginsWith x => $"begins_with({Name(x.Property)}, {Value(x.Value)})",
                Contains x => $"contains({Name(x.Property)}, {Value(x.Value)})",
                In x => $"{Name(x.Property)} IN ({string.Join(", ", x.Values.Select(Value))})",

                // A stored null is DynamoDB's NULL type; C# sees null for both it and a missing attribute.
                HasValue x => $"(attribute_exists({Name(x.Property)}) AND NOT attribute_type({Name(x.Property)}, {NullType()}))",
                And x => $"({Render(x.Left)} AND {Render(x.Right)})",
                Or x => $"({Render(x.Left)} OR {Render(x.Right)})",
                Not x => $"(NOT {Render(x.Operand)})",
                _ => throw new ArgumentOutOfRangeException(nameof(c), c, "unknown condition"),
            };

        private string NullType() => nullType ??= Value(new AttributeValue { S = "NULL" });
    }
}

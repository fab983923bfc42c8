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
    /// <summary>The read a query state describes.</summary>
    /// <exception cref="InvalidOperationException">The query cannot run as asked; the message says why.</exception>
    public static ReadSpec Translate(DynamoTable table, QueryState state)
    {
        var index = state.IndexName is null ? null : table.Indexes.First(i => i.Name == state.IndexName);
        var hash = index?.HashKey ?? table.HashKey;
        var range = index is null ? table.RangeKey : index.RangeKey;
        var conjuncts = state.Conditions.SelectMany(Flatten).ToList();
        var where = index is null ? $"table {table.Name}" : $"index {index.Name} of {table.Name}";

        var hashEquality = conjuncts.OfType<ComparisonPredicate>().FirstOrDefault(c => c.Operator == "=" && c.Mentions(hash.AttributeName));
        var isQuery = hashEquality is not null;
        if (!isQuery && !state.AllowScan)
        {
            var viaIndex = index is null
                ? table.Indexes.FirstOrDefault(i => conjuncts.OfType<ComparisonPredicate>().Any(c => c.Operator == "=" && c.Mentions(i.HashKey.AttributeName)))
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

            if (range is null || AttributeNaming.NameOf(orderBy) != range.AttributeName)
            {
                throw new InvalidOperationException($"DynamoDB orders a query of {where} by its range key{(range is null ? " and it has none" : $" '{range.AttributeName}'")}; '{AttributeNaming.NameOf(orderBy)}' cannot be ordered by.");
            }
        }

        if (state.ConsistentRead && index is { IsGlobal: true })
        {
            throw new InvalidOperationException($"Global secondary index '{index.Name}' does not support consistent reads.");
        }

        var filters = conjuncts;
        List<Predicate> rangeParts = [];
        if (isQuery)
        {
            filters = [.. conjuncts.Where(c => !ReferenceEquals(c, hashEquality))];
            rangeParts = range is null ? [] : [.. filters.Where(c => c is ComparisonPredicate or BeginsWithPredicate && c.Mentions(range.AttributeName))];
            filters = [.. filters.Except(rangeParts)];
            if (rangeParts.Count > 0)
            {
                CheckRange(rangeParts, where);
            }

            if (filters.FirstOrDefault(c => c.Mentions(hash.AttributeName) || (range is not null && c.Mentions(range.AttributeName))) is not null)
            {
                throw new InvalidOperationException(
                    $"A query of {where} cannot filter on its key attributes ('{hash.AttributeName}'{(range is null ? string.Empty : $", '{range.AttributeName}'")}) except as the key condition (== on the hash key, one range condition or >= and <= together); move that part into a separate query or call AsScan().");
            }
        }

        return ReadSpec.Write(table, isQuery, w =>
        {
            var key = hashEquality?.Render(w);
            if (key is not null && rangeParts.Count > 0)
            {
                key += " AND " + RangeCondition(rangeParts, w);
            }

            var filter = filters.Count == 0 ? null : string.Join(" AND ", filters.Select(f => f.Render(w)));
            var projection = state.Projection.IsEmpty ? null : string.Join(", ", state.Projection.Select(p => w.Name(AttributeNaming.NameOf(p))));
            return (key, filter, projection);
        }) with
        {
            IndexName = state.IndexName,
            Limit = state.Limit,
            PageSize = state.PageSize,
            Descending = state.Descending,
            ConsistentRead = state.ConsistentRead,
        };
    }

    /// <summary>A range key allows one condition, or &gt;= and &lt;= together (BETWEEN).</summary>
    private static void CheckRange(List<Predicate> parts, string where)
    {
        if (parts.Count == 1 || (parts.Count == 2 && parts.OfType<ComparisonPredicate>().Count(c => c.Operator is ">=" or "<=") == 2 && parts.Cast<ComparisonPredicate>().Select(c => c.Operator).Distinct().Count() == 2))
        {
            return;
        }

        throw new InvalidOperationException(
            $"The range key of {where} allows one condition in a query (=, <, <=, >, >=, StartsWith) or >= and <= together (BETWEEN, both ends included); these cannot be combined: {string.Join(" AND ", parts.Select(p => p.Render(new ExpressionWriter())))}.");
    }

    private static string RangeCondition(List<Predicate> parts, ExpressionWriter writer)
    {
        if (parts.Count == 1)
        {
            return parts[0].Render(writer);
        }

        var low = parts.Cast<ComparisonPredicate>().First(c => c.Operator == ">=");
        var high = parts.Cast<ComparisonPredicate>().First(c => c.Operator == "<=");
        return $"{writer.Name(AttributeNaming.NameOf(low.Property))} BETWEEN {writer.Value(low.Value)} AND {writer.Value(high.Value)}";
    }

    private static IEnumerable<Predicate> Flatten(Predicate c) =>
        c is AndPredicate and ? Flatten(and.Left).Concat(Flatten(and.Right)) : [c];
}

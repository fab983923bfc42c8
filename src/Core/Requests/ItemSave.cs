using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Amazon.Util;

namespace SessionEffects;

/// <summary>
/// A save of a mapped object exactly as DynamoDBContext's <c>SaveAsync</c> sends it: an UpdateItem of the item's key
/// that SETs every stored attribute and REMOVEs the attribute of every null property (unless
/// <c>IgnoreNullValues</c>), so attributes the class does not map are kept; atomic counters as
/// <c>SET #c = if_not_exists(#c, start - delta) + delta</c>, if-not-exists properties as
/// <c>SET #a = if_not_exists(#a, :v)</c>, generated timestamps for null timestamp properties, and optimistic locking on
/// the version. Batch items get the generated timestamps too (BatchWriteItem can carry nothing else).
/// </summary>
internal static class ItemSave
{
    /// <summary>The save of <paramref name="item"/>, optionally only when <paramref name="condition"/> holds.</summary>
    /// <exception cref="ArgumentException">The condition is over another class, or uses an undefined placeholder.</exception>
    public static ItemWrite Build<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        var rules = table.Rules;
        var nulls = new List<string>();
        var attributes = table.Mapper.ToAttributes(item, nulls);
        var now = AWSSDKUtils.CorrectedUtcNow;
        var stamped = Stamp(table, item, attributes, now);
        nulls.RemoveAll(attributes.ContainsKey);

        long? next = null;
        if (table.Version is { } version && !rules.SkipVersionCheck)
        {
            var current = version.Read(item);
            next = current is { } c ? c + 1 : 0;
            attributes[version.AttributeName] = AttributeValues.From(next.Value);
            nulls.Remove(version.AttributeName);
            condition = condition is null ? ItemWrites.VersionCondition(version, current) : condition.And(ItemWrites.VersionCondition(version, current));
        }

        var writer = new ExpressionWriter();
        var key = new Dictionary<string, AttributeValue>(2, StringComparer.Ordinal);
        var sets = new List<string>(attributes.Count);
        foreach (var (name, value) in attributes)
        {
            if (IsKey(table, name))
            {
                key[name] = value;
            }
            else if (rules.CounterOf(name) is null)
            {
                var placeholder = writer.Name(name);
                var operand = writer.Value(value);
                sets.Add(rules.IsIfNotExists(name) ? $"{placeholder} = if_not_exists({placeholder}, {operand})" : $"{placeholder} = {operand}");
            }
        }

        foreach (var counter in rules.Counters)
        {
            var placeholder = writer.Name(counter.AttributeName);
            var start = writer.Value(Number((BigInteger)counter.StartValue - counter.Delta));
            sets.Add($"{placeholder} = if_not_exists({placeholder}, {start}) + {writer.Value(Number(counter.Delta))}");
        }

        var removes = new List<string>();
        if (!rules.IgnoreNullValues)
        {
            foreach (var name in nulls)
            {
                if (!IsKey(table, name) && rules.CounterOf(name) is null && !rules.IsIfNotExists(name))
                {
                    removes.Add(writer.Name(name));
                }
            }
        }

        if (key.Count != (table.RangeKey is null ? 1 : 2))
        {
            throw new ArgumentException($"{typeof(T).Name} item has no value for a key attribute of table {table.Name} ({table.HashKey.AttributeName}{(table.RangeKey is { } r ? ", " + r.AttributeName : string.Empty)}).", nameof(item));
        }

        var update = Expression(sets, removes);
        var writesBack = rules.WritesBack(table.Version);
        void Succeeded(Dictionary<string, AttributeValue>? stored)
        {
            if (next is { } n)
            {
                table.Version!.Write(item, n);
            }

            if (stored is { Count: > 0 } && rules.NeedsStoredItem)
            {
                CopyStored(table, item, stored);
            }

            if (writesBack)
            {
                foreach (var (property, value) in stamped)
                {
                    property.SetValue(item, value);
                }
            }
        }

        return ItemWrite.Save(table, key, writer, update, condition?.Render(writer, table), rules.NeedsStoredItem, Succeeded);
    }

    /// <summary>An item of a batch write: the mapped attributes with generated timestamps (BatchWriteItem puts whole items).</summary>
    public static Dictionary<string, AttributeValue> BatchItem<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item)
        where T : class, new()
    {
        var attributes = table.Mapper.ToAttributes(item);
        Stamp(table, item, attributes, AWSSDKUtils.CorrectedUtcNow);
        return attributes;
    }

    /// <summary>
    /// Stores <paramref name="now"/> for every null timestamp property (as DynamoDBContext: the round-trip form of the
    /// UTC time, seven fractional digits) and says which property gets which value if the save writes back.
    /// </summary>
    private static List<(System.Reflection.PropertyInfo Property, object Value)> Stamp<T>(DynamoTable<T> table, T item, Dictionary<string, AttributeValue> attributes, DateTime now)
        where T : class, new()
    {
        var stamped = new List<(System.Reflection.PropertyInfo, object)>(table.Rules.Timestamps.Length);
        foreach (var stamp in table.Rules.Timestamps)
        {
            if (stamp.Property.GetValue(item) is not null)
            {
                continue;
            }

            attributes[stamp.AttributeName] = new AttributeValue { S = now.ToString("o", CultureInfo.InvariantCulture) };

            // What DynamoDBContext reads back into the object: the time in UTC, or local time when the table asks for it.
            object value = stamp.Property.PropertyType == typeof(DateTimeOffset?) ? new DateTimeOffset(now)
                : table.Rules.RetrieveDateTimeInUtc ? now : now.ToLocalTime();
            stamped.Add((stamp.Property, value));
        }

        return stamped;
    }

    /// <summary>The counters' and if-not-exists properties' values as DynamoDB stored them, into the caller's object.</summary>
    private static void CopyStored<T>(DynamoTable<T> table, T item, Dictionary<string, AttributeValue> stored)
        where T : class, new()
    {
        var read = table.Mapper.FromAttributes(stored);
        foreach (var counter in table.Rules.Counters)
        {
            if (stored.ContainsKey(counter.AttributeName))
            {
                counter.Property.SetValue(item, counter.Property.GetValue(read));
            }
        }

        foreach (var kept in table.Rules.IfNotExists)
        {
            if (stored.ContainsKey(kept.AttributeName))
            {
                kept.Property.SetValue(item, kept.Property.GetValue(read));
            }
        }
    }

    private static bool IsKey(DynamoTable table, string name) =>
        string.Equals(name, table.HashKey.AttributeName, StringComparison.Ordinal) || string.Equals(name, table.RangeKey?.AttributeName, StringComparison.Ordinal);

    private static AttributeValue Number(BigInteger value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static string? Expression(List<string> sets, List<string> removes)
    {
        if (sets.Count == 0 && removes.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        if (sets.Count > 0)
        {
            text.Append("SET ").AppendJoin(", ", sets);
        }

        if (removes.Count > 0)
        {
            text.Append(text.Length == 0 ? "REMOVE " : " REMOVE ").AppendJoin(", ", removes);
        }

        return text.ToString();
    }
}

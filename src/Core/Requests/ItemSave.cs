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
    /// <param name="table">The table.</param>
    /// <param name="item">The object to save; it gets what the save decided once DynamoDB accepted it.</param>
    /// <param name="condition">The caller's condition, or null.</param>
    /// <param name="inTransaction">
    /// A part of a transaction: no stored item comes back, and DynamoDBContext populates the object from what it sent.
    /// </param>
    public static ItemWrite Build<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(DynamoTable<T> table, T item, DynamoCondition? condition, bool inTransaction = false)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(item);
        var rules = table.Rules;
        var nulls = new List<string>();
        var attributes = table.Mapper.ToAttributes(item, nulls);
        var now = AWSSDKUtils.CorrectedUtcNow;
        Stamp(table, item, attributes, now);
        nulls.RemoveAll(attributes.ContainsKey);

        if (table.Version is { } version && !rules.SkipVersionCheck)
        {
            var current = version.Read(item);
            var next = current is { } c ? c + 1 : 0;
            attributes[version.AttributeName] = AttributeValues.From(next);
            nulls.Remove(version.AttributeName);
            condition = condition is null ? ItemWrites.VersionCondition(version, current) : condition.And(ItemWrites.VersionCondition(version, current));
        }

        var writer = new ExpressionWriter();
        var key = new Dictionary<string, AttributeValue>(2, StringComparer.Ordinal);
        var text = new StringBuilder(attributes.Count * 12);
        foreach (var (name, value) in attributes)
        {
            if (IsKey(table, name))
            {
                key[name] = value;
            }
            else if (!rules.IsCounter(name))
            {
                var placeholder = writer.Name(name);
                var operand = writer.Value(value);
                Clause(text, "SET ").Append(placeholder).Append(" = ");
                if (rules.IsIfNotExists(name))
                {
                    text.Append("if_not_exists(").Append(placeholder).Append(", ").Append(operand).Append(')');
                }
                else
                {
                    text.Append(operand);
                }
            }
        }

        foreach (var counter in rules.Counters)
        {
            var placeholder = writer.Name(counter.AttributeName);
            var start = writer.Value(Number((BigInteger)counter.StartValue - counter.Delta));
            Clause(text, "SET ").Append(placeholder).Append(" = if_not_exists(").Append(placeholder).Append(", ").Append(start).Append(") + ").Append(writer.Value(Number(counter.Delta)));
        }

        var removing = false;
        if (!rules.IgnoreNullValues)
        {
            foreach (var name in nulls)
            {
                if (!IsKey(table, name) && !rules.IsCounter(name) && !rules.IsIfNotExists(name))
                {
                    text.Append(removing ? ", " : text.Length == 0 ? "REMOVE " : " REMOVE ").Append(writer.Name(name));
                    removing = true;
                }
            }
        }

        if (key.Count != (table.RangeKey is null ? 1 : 2))
        {
            throw new ArgumentException($"{typeof(T).Name} item has no value for a key attribute of table {table.Name} ({table.HashKey.AttributeName}{(table.RangeKey is { } r ? ", " + r.AttributeName : string.Empty)}).", nameof(item));
        }

        var update = text.Length == 0 ? null : text.ToString();
        var writesBack = inTransaction || rules.WritesBack(table.Version);
        void Succeeded(Dictionary<string, AttributeValue>? stored)
        {
            if (writesBack)
            {
                // What DynamoDBContext does after a save: the object is populated from the item as stored (ALL_NEW) when
                // it asked for it, else from what it sent (version, timestamps, and every value as it reads back).
                Populate(table, item, stored is { Count: > 0 } ? stored : attributes);
            }
        }

        return ItemWrite.Save(table, key, writer, update, condition?.Render(writer, table), rules.NeedsStoredItem && !inTransaction, Succeeded);
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
    /// Stores <paramref name="now"/> for every null timestamp property, as DynamoDBContext does: the round-trip form of
    /// the UTC time (seven fractional digits).
    /// </summary>
    private static void Stamp<T>(DynamoTable<T> table, T item, Dictionary<string, AttributeValue> attributes, DateTime now)
        where T : class, new()
    {
        foreach (var stamp in table.Rules.Timestamps)
        {
            if (stamp.Property.GetValue(item) is null)
            {
                attributes[stamp.AttributeName] = new AttributeValue { S = now.ToString("o", CultureInfo.InvariantCulture) };
            }
        }
    }

    /// <summary>
    /// Sets every stored property of <paramref name="item"/> whose attribute <paramref name="source"/> holds (a flattened
    /// member always) to the value read from it, as DynamoDBContext's <c>PopulateInstance</c>; other properties keep
    /// their values.
    /// </summary>
    private static void Populate<T>(DynamoTable<T> table, T item, Dictionary<string, AttributeValue> source)
        where T : class, new()
    {
        var read = table.Mapper.FromAttributes(source);
        foreach (var member in table.StoredMembers)
        {
            if (member.Property.CanWrite && (member.Flattened || source.ContainsKey(member.AttributeName)))
            {
                member.Property.SetValue(item, member.Property.GetValue(read));
            }
        }
    }

    private static bool IsKey(DynamoTable table, string name) =>
        string.Equals(name, table.HashKey.AttributeName, StringComparison.Ordinal) || string.Equals(name, table.RangeKey?.AttributeName, StringComparison.Ordinal);

    private static AttributeValue Number(BigInteger value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Starts the next action of a SET clause: the clause's keyword before the first, a comma before the others.</summary>
    private static StringBuilder Clause(StringBuilder text, string keyword) => text.Append(text.Length == 0 ? keyword : ", ");
}

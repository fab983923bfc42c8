using System;
using System.Collections.Generic;

namespace SessionEffects;

/// <summary>Many item keys checked and converted before anything is sent, each key once, in the order first given.</summary>
internal static class ItemKeys
{
    /// <summary>The distinct keys of <paramref name="keys"/> as attribute maps, with their identities.</summary>
    /// <exception cref="ArgumentException">A key is null, of the wrong type, or lacks a range key; the message names the position.</exception>
    public static List<(string KeyId, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> Key)> Distinct(DynamoTable table, IEnumerable<ItemKey> keys, string operation)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<(string, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>)>();
        var position = 0;
        foreach (var key in keys)
        {
            Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> converted;
            try
            {
                converted = key is null
                    ? throw new ArgumentNullException(nameof(keys), "The key is null.")
                    : KeyValues.KeyOf(table, key.HashKey ?? throw new ArgumentNullException(nameof(keys), "The hash key value is null."), key.RangeKey);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"{operation} on table {table.Name}: the key at position {position} is not a key of this table: {ex.Message}", nameof(keys), ex);
            }

            var identity = KeyIdentity.Of(table, converted);
            if (seen.Add(identity))
            {
                distinct.Add((identity, converted));
            }

            position++;
        }

        return distinct;
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>Converts a key value given by a caller into the attribute value the SDK would store for that key property.</summary>
internal static class KeyValues
{
    /// <summary>
    /// <paramref name="value"/> as the attribute value of <paramref name="key"/>; a value of another type is converted
    /// to the key's type first (an <c>int</c> for a <c>long</c> key), and one that does not convert fails before any request.
    /// </summary>
    /// <exception cref="ArgumentException">The value does not convert to the key's type.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The compiled codecs run only while CompiledMappingFeature.IsSupported, which is off in trimmed and native AOT applications.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above.")]
    public static AttributeValue Of(KeyAttribute key, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var target = Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType;
        object converted;
        try
        {
            converted = target.IsInstanceOfType(value) ? value
                : target.IsEnum ? Enum.ToObject(target, value)
                : target == typeof(Guid) && value is string s ? Guid.Parse(s)
                : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException(
                $"Key {key.AttributeName} holds {key.ClrType.Name}; the value given is a {value.GetType().Name} that does not convert to it.", nameof(value), ex);
        }

        // The compiled mapping's codecs store scalars exactly as the conversion does, without a Document per value.
        if (CompiledMappingFeature.IsSupported && ScalarAttribute.Of(target, converted) is { } fast)
        {
            return fast;
        }

        return AttributeValues.Of(AttributeValues.Conversion.ConvertToEntry(target, converted));
    }

    /// <summary>The primary key of <paramref name="table"/> from key values, checked against the key types before any request.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="hashKey"/> is null.</exception>
    /// <exception cref="ArgumentException">A value does not convert, or the range key is missing or superfluous.</exception>
    public static Dictionary<string, AttributeValue> KeyOf(DynamoTable table, object hashKey, object? rangeKey)
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        var key = new Dictionary<string, AttributeValue>(2, StringComparer.Ordinal)
        {
            [table.HashKey.AttributeName] = Of(table.HashKey, hashKey),
        };
        if (table.RangeKey is { } range)
        {
            key[range.AttributeName] = Of(range, rangeKey ?? throw new ArgumentException($"Table {table.Name} has a range key ({range.AttributeName}); give its value.", nameof(rangeKey)));
        }
        else if (rangeKey is not null)
        {
            throw new ArgumentException($"Table {table.Name} has no range key, but a range key value was given.", nameof(rangeKey));
        }

        return key;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A primary key as one comparable string, the way DynamoDB compares keys: numbers by value (<c>1</c>, <c>1.0</c> and
/// <c>+1</c> are one key), strings and binaries by content. Used to read a key once however often it is asked for, to
/// find a returned item's place among the keys asked for, and to name a key in messages.
/// </summary>
internal static class KeyIdentity
{
    /// <summary>The identity of <paramref name="key"/> under <paramref name="table"/>'s key attributes.</summary>
    public static string Of(Table table, IReadOnlyDictionary<string, AttributeValue> key)
    {
        var text = new StringBuilder();
        Append(text, key, table.HashKey.AttributeName);
        if (table.RangeKey is { } range)
        {
            text.Append('\u001f');
            Append(text, key, range.AttributeName);
        }

        return text.ToString();
    }

    /// <summary>The key as people read it: <c>{customer=c1, placed=3}</c>.</summary>
    public static string Describe(Table table, IReadOnlyDictionary<string, AttributeValue> key)
    {
        string Show(string name) => key.TryGetValue(name, out var v) ? $"{name}={v.S ?? v.N ?? (v.B is null ? "?" : "<binary>")}" : $"{name}=?";
        return table.RangeKey is { } range ? $"{{{Show(table.HashKey.AttributeName)}, {Show(range.AttributeName)}}}" : $"{{{Show(table.HashKey.AttributeName)}}}";
    }

    private static void Append(StringBuilder text, IReadOnlyDictionary<string, AttributeValue> key, string name)
    {
        var value = key[name];
        if (value.S is not null)
        {
            text.Append('S').Append(value.S);
        }
        else if (value.N is not null)
        {
            text.Append('N').Append(decimal.TryParse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d.ToString("G29", CultureInfo.InvariantCulture)
                : value.N);
        }
        else
        {
            text.Append('B').Append(Convert.ToBase64String(value.B.ToArray()));
        }
    }
}

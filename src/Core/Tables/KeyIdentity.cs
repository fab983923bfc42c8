using System;
using System.Collections.Generic;
using System.Globalization;
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
    public static string Of(DynamoTable table, IReadOnlyDictionary<string, AttributeValue> key)
    {
        var hash = Part(key[table.HashKey.AttributeName]);
        return table.RangeKey is { } range ? string.Concat(hash, "\u001f", Part(key[range.AttributeName])) : hash;
    }

    /// <summary>The key as people read it: <c>{customer=c1, placed=3}</c>.</summary>
    public static string Describe(DynamoTable table, IReadOnlyDictionary<string, AttributeValue> key)
    {
        string Show(string name) => key.TryGetValue(name, out var v) ? $"{name}={v.S ?? v.N ?? (v.B is null ? "?" : "<binary>")}" : $"{name}=?";
        return table.RangeKey is { } range ? $"{{{Show(table.HashKey.AttributeName)}, {Show(range.AttributeName)}}}" : $"{{{Show(table.HashKey.AttributeName)}}}";
    }

    private static string Part(AttributeValue value) =>
        value.S is { } s ? string.Concat("S", s)
        : value.N is { } n ? string.Concat("N", PlainInteger(n) ? n : NumberText.Canonical(n))
        : string.Concat("B", Convert.ToBase64String(value.B.ToArray()));

    /// <summary>
    /// Whether <paramref name="n"/> is already how <c>decimal</c> prints its value (an integer without sign noise or
    /// leading zeros, short enough for <c>decimal</c>), so the common key needs no parse and print.
    /// </summary>
    private static bool PlainInteger(string n)
    {
        var start = n.StartsWith('-') ? 1 : 0;
        if (n.Length - start is < 1 or > 28 || (n[start] == '0' && (n.Length - start > 1 || start == 1)))
        {
            return false;
        }

        for (var i = start; i < n.Length; i++)
        {
            if (!char.IsAsciiDigit(n[i]))
            {
                return false;
            }
        }

        return true;
    }
}

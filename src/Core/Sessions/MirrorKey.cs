using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The key of one item a mirrored session could not write to its secondary (or deleted while a copy into the
/// secondary was running): the primary's table name and the key attributes, as DynamoDB stores them.
/// </summary>
/// <remarks>Two keys are equal when they name the same item (numbers compared as numbers: <c>5</c> is <c>5.0</c>).</remarks>
public sealed class MirrorKey : IEquatable<MirrorKey>
{
    /// <summary>Makes a key; only the key attributes' scalar values (S, N, B) are kept.</summary>
    /// <exception cref="ArgumentException">The table name is empty, the key is empty or holds a value that is not S, N or B.</exception>
    public MirrorKey(string tableName, IReadOnlyDictionary<string, AttributeValue> key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Count == 0)
        {
            throw new ArgumentException("A key needs at least its hash key attribute.", nameof(key));
        }

        TableName = tableName;
        Key = key.ToDictionary(kv => kv.Key, kv => Copy(kv.Value), StringComparer.Ordinal);
        Canonical = CanonicalText(tableName, Key);
    }

    /// <summary>The primary's (physical) table name.</summary>
    public string TableName { get; }

    /// <summary>The key attributes.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Key { get; }

    /// <summary>The key as one text (table, attribute names in order, typed values, numbers normalised): equal for equal keys.</summary>
    internal string Canonical { get; }

    /// <summary>The key attributes as a request takes them (a new dictionary each time: requests may change theirs).</summary>
    public Dictionary<string, AttributeValue> ToAttributes() => Key.ToDictionary(kv => kv.Key, kv => Copy(kv.Value), StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool Equals(MirrorKey? other) => other is not null && string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MirrorKey);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);

    /// <summary>The table and the key, as <c>users{id=S:42}</c>.</summary>
    public override string ToString() => Canonical;

    /// <summary>The key attributes of <paramref name="item"/> named by <paramref name="keyNames"/>.</summary>
    internal static MirrorKey Of(string tableName, IReadOnlyList<string> keyNames, IReadOnlyDictionary<string, AttributeValue> item)
    {
        var key = new Dictionary<string, AttributeValue>(keyNames.Count, StringComparer.Ordinal);
        foreach (var name in keyNames)
        {
            key[name] = item.TryGetValue(name, out var value)
                ? value
                : throw new ArgumentException($"The item written to table {tableName} has no key attribute {name}.", nameof(item));
        }

        return new MirrorKey(tableName, key);
    }

    private static AttributeValue Copy(AttributeValue value) =>
        value.S is not null ? new AttributeValue { S = value.S }
        : value.N is not null ? new AttributeValue { N = value.N }
        : value.B is not null ? new AttributeValue { B = new System.IO.MemoryStream(value.B.ToArray()) }
        : throw new ArgumentException("A key attribute is a string (S), a number (N) or binary (B).", nameof(value));

    private static string CanonicalText(string tableName, IReadOnlyDictionary<string, AttributeValue> key)
    {
        var text = new StringBuilder(tableName).Append('{');
        var first = true;
        foreach (var (name, value) in key.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(first ? string.Empty : ",").Append(name).Append('=');
            first = false;
            if (value.S is not null)
            {
                text.Append("S:").Append(value.S);
            }
            else if (value.N is not null)
            {
                text.Append("N:").Append(NormalNumber(value.N));
            }
            else
            {
                text.Append("B:").Append(Convert.ToBase64String(value.B.ToArray()));
            }
        }

        return text.Append('}').ToString();
    }

    /// <summary>A number as one text for all its spellings (<c>5</c>, <c>5.0</c>, <c>+5</c>); beyond decimal's range, as written.</summary>
    private static string NormalNumber(string number) =>
        decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
            : number.Trim();
}

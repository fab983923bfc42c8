using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace SessionEffects;

/// <summary>
/// A DynamoDB condition or filter expression with its attribute-name placeholders and values, e.g.
/// <c>DynamoCondition.Of("#s &lt;&gt; :s", names: [("#s", "status")], values: [(":s", "cancelled")])</c>.
/// Immutable; combine with <see cref="And"/> and <see cref="Or"/>. Values are converted with the SDK's rules.
/// Placeholders starting with <c>#se_</c> or <c>:se_</c> are reserved for the library.
/// </summary>
/// <param name="Expression">The expression text.</param>
public sealed record DynamoCondition(string Expression)
{
    /// <summary>Attribute-name placeholders (<c>#name</c> → attribute name).</summary>
    public ImmutableDictionary<string, string> Names { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Value placeholders (<c>:value</c> → value), converted the way the SDK stores .NET values.</summary>
    public ImmutableDictionary<string, object?> Values { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>A condition from its text, names and values (tuples, so F# and C# callers need no dictionary type).</summary>
    /// <exception cref="ArgumentException">The expression is empty.</exception>
    public static DynamoCondition Of(string expression, IEnumerable<(string Placeholder, string Attribute)>? names = null, IEnumerable<(string Placeholder, object? Value)>? values = null)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ArgumentException("A condition expression cannot be empty.", nameof(expression));
        }

        return new DynamoCondition(expression)
        {
            Names = (names ?? []).ToImmutableDictionary(n => n.Placeholder, n => n.Attribute, StringComparer.Ordinal),
            Values = (values ?? []).ToImmutableDictionary(v => v.Placeholder, v => v.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>The condition that the item does not exist yet (put only if new).</summary>
    public static DynamoCondition ItemDoesNotExist(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Of("attribute_not_exists(#se_hk)", [("#se_hk", table.HashKey.AttributeName)]);
    }

    /// <summary>Both conditions.</summary>
    /// <exception cref="ArgumentException">A placeholder is used by both with different meanings.</exception>
    public DynamoCondition And(DynamoCondition other) => Combine(other, "AND");

    /// <summary>Either condition.</summary>
    /// <exception cref="ArgumentException">A placeholder is used by both with different meanings.</exception>
    public DynamoCondition Or(DynamoCondition other) => Combine(other, "OR");

    private DynamoCondition Combine(DynamoCondition other, string op)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new DynamoCondition($"({Expression}) {op} ({other.Expression})")
        {
            Names = Merge(Names, other.Names, "name"),
            Values = Merge(Values, other.Values, "value"),
        };
    }

    private static ImmutableDictionary<string, TV> Merge<TV>(ImmutableDictionary<string, TV> a, ImmutableDictionary<string, TV> b, string what)
    {
        foreach (var (k, v) in b)
        {
            if (a.TryGetValue(k, out var existing) && !Equals(existing, v))
            {
                throw new ArgumentException($"Both conditions use the {what} placeholder {k} with different meanings; rename one.");
            }
        }

        return a.SetItems(b);
    }
}

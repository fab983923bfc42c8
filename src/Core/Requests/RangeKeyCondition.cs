using System;
using System.Collections.Immutable;

namespace SessionEffects;

/// <summary>A condition on the range key of a query: =, &lt;, &lt;=, &gt;, &gt;=, between or begins_with.</summary>
public sealed class RangeKeyCondition
{
    private RangeKeyCondition(string op, params object[] values)
    {
        Operator = op;
        Values = [.. values];
    }

    /// <summary>The operator: <c>=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>BETWEEN</c> or <c>begins_with</c>.</summary>
    public string Operator { get; }

    /// <summary>The operand values (two for BETWEEN, one otherwise).</summary>
    public ImmutableArray<object> Values { get; }

    /// <summary>Range key equals <paramref name="value"/>.</summary>
    public static RangeKeyCondition EqualTo(object value) => new("=", Check(value));

    /// <summary>Range key is less than <paramref name="value"/>.</summary>
    public static RangeKeyCondition LessThan(object value) => new("<", Check(value));

    /// <summary>Range key is at most <paramref name="value"/>.</summary>
    public static RangeKeyCondition LessThanOrEqual(object value) => new("<=", Check(value));

    /// <summary>Range key is greater than <paramref name="value"/>.</summary>
    public static RangeKeyCondition GreaterThan(object value) => new(">", Check(value));

    /// <summary>Range key is at least <paramref name="value"/>.</summary>
    public static RangeKeyCondition GreaterThanOrEqual(object value) => new(">=", Check(value));

    /// <summary>Range key lies between <paramref name="low"/> and <paramref name="high"/>, both included.</summary>
    public static RangeKeyCondition Between(object low, object high) => new("BETWEEN", Check(low), Check(high));

    /// <summary>A string or binary range key begins with <paramref name="prefix"/>.</summary>
    public static RangeKeyCondition BeginsWith(object prefix) => new("begins_with", Check(prefix));

    /// <summary>The condition on <paramref name="key"/>, its name and values written through <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">A value does not convert to the key's type.</exception>
    internal string Render(ExpressionWriter writer, KeyAttribute key)
    {
        var name = writer.Name(key.AttributeName);
        var first = writer.Value(KeyValues.Of(key, Values[0]));
        return Operator switch
        {
            "BETWEEN" => $"{name} BETWEEN {first} AND {writer.Value(KeyValues.Of(key, Values[1]))}",
            "begins_with" => $"begins_with({name}, {first})",
            _ => $"{name} {Operator} {first}",
        };
    }

    /// <inheritdoc/>
    public override string ToString() => $"range key {Operator} {string.Join(" AND ", Values)}";

    private static object Check(object value) => value ?? throw new ArgumentNullException(nameof(value), "A range key condition needs a value.");
}

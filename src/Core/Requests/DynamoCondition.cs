using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;

namespace SessionEffects;

/// <summary>
/// A condition on a write (save, delete, update, a transaction part) or a filter on a read: either typed, as a C#
/// predicate over the item class (<c>DynamoCondition.For&lt;Order&gt;(o =&gt; o.Status == "open" &amp;&amp; o.Retries &lt; 3)</c>,
/// <c>o =&gt; o.Email == null</c> for "absent"), or as DynamoDB expression text with its own placeholders
/// (<c>DynamoCondition.Of("#s &lt;&gt; :s", [("#s", "status")], [(":s", "cancelled")])</c>). Immutable; combine with
/// <see cref="And"/>, <see cref="Or"/> and <see cref="Not"/>.
/// </summary>
/// <remarks>
/// Typed conditions name attributes through the class mapping (stored names, converters), with the parser LINQ queries
/// use; what it cannot translate fails when the condition is built, naming the sub-expression. Placeholders in text
/// conditions are the caller's own: when a request is built they are renamed by the request's one expression writer,
/// so combined conditions, filters and updates can never collide, even when two of them use the same placeholder.
/// </remarks>
public sealed class DynamoCondition
{
    private readonly Node node;

    private DynamoCondition(Node node) => this.node = node;

    /// <summary>A condition from its text, names and values (tuples, so F# and C# callers need no dictionary type).</summary>
    /// <param name="expression">DynamoDB condition-expression text using <c>#name</c> and <c>:value</c> placeholders.</param>
    /// <param name="names">Name placeholders and the attribute each stands for.</param>
    /// <param name="values">Value placeholders and their values, converted the way the SDK stores .NET values.</param>
    /// <exception cref="ArgumentException">The expression is empty, or a placeholder is defined twice.</exception>
    public static DynamoCondition Of(string expression, IEnumerable<(string Placeholder, string Attribute)>? names = null, IEnumerable<(string Placeholder, object? Value)>? values = null)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ArgumentException("A condition expression cannot be empty.", nameof(expression));
        }

        try
        {
            return new DynamoCondition(new Text(
                expression,
                (names ?? []).ToImmutableDictionary(n => n.Placeholder, n => n.Attribute, StringComparer.Ordinal),
                (values ?? []).ToImmutableDictionary(v => v.Placeholder, v => v.Value, StringComparer.Ordinal)));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The condition '{expression}' defines a placeholder twice: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A typed condition: a predicate over the item class, translated to DynamoDB's expression language with the
    /// class mapping. <c>x.Prop == null</c> means "absent or NULL"; <c>!=</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>,
    /// comparisons, <c>StartsWith</c>, <c>Contains</c> and <c>values.Contains(x.Prop)</c> (IN) are supported.
    /// </summary>
    /// <typeparam name="T">The table class the condition applies to.</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    /// <exception cref="NotSupportedException">A part of the predicate has no DynamoDB equivalent; the message names it.</exception>
    public static DynamoCondition For<T>(Expression<Func<T, bool>> predicate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new DynamoCondition(new Typed(typeof(T), PredicateParser.Parse(predicate)));
    }

    /// <summary>The condition that no item with the key exists yet (put only if new).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static DynamoCondition ItemDoesNotExist(DynamoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return AttributeNotExists(table.HashKey.AttributeName);
    }

    /// <summary>Both conditions.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public DynamoCondition And(DynamoCondition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new DynamoCondition(new Both(node, other.node, "AND"));
    }

    /// <summary>Either condition.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public DynamoCondition Or(DynamoCondition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new DynamoCondition(new Both(node, other.node, "OR"));
    }

    /// <summary>The opposite condition.</summary>
    public DynamoCondition Not() => new(new Negation(node));

    /// <summary>The expression with its attribute names (values are not shown: they may be personal data).</summary>
    public override string ToString()
    {
        var writer = new ExpressionWriter();
        string text;
        try
        {
            text = node.Render(writer, null);
        }
        catch (ArgumentException ex)
        {
            return $"invalid condition: {ex.Message}";
        }

        var names = writer.Names is null ? string.Empty : " names={" + string.Join(", ", writer.Names.Select(kv => $"{kv.Key}={kv.Value}")) + "}";
        return text + names;
    }

    /// <summary>The condition that the attribute stored as <paramref name="attribute"/> is absent.</summary>
    internal static DynamoCondition AttributeNotExists(string attribute) =>
        Of("attribute_not_exists(#a)", [("#a", attribute)]);

    /// <summary>The condition that the attribute stored as <paramref name="attribute"/> holds <paramref name="value"/>.</summary>
    internal static DynamoCondition AttributeEquals(string attribute, object value) =>
        Of("#a = :v", [("#a", attribute)], [(":v", value)]);

    /// <summary>
    /// Writes the condition for a request on <paramref name="table"/> through <paramref name="writer"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A typed condition is over another class than the table's, or the text uses a placeholder it does not define.
    /// </exception>
    internal string Render(ExpressionWriter writer, DynamoTable table) => node.Render(writer, table);

    private abstract record Node
    {
        public abstract string Render(ExpressionWriter writer, DynamoTable? table);
    }

    private sealed record Text(string Expression, ImmutableDictionary<string, string> Names, ImmutableDictionary<string, object?> Values) : Node
    {
        public override string Render(ExpressionWriter writer, DynamoTable? table) =>
            writer.Rewrite(Expression, Names, placeholder => Values.TryGetValue(placeholder, out var value) ? AttributeValues.From(value) : null);
    }

    private sealed record Typed(Type ItemType, Predicate Predicate) : Node
    {
        public override string Render(ExpressionWriter writer, DynamoTable? table) =>
            table is null || ItemType.IsAssignableFrom(table.ItemType)
                ? Predicate.Render(writer)
                : throw new ArgumentException($"A condition over {ItemType.Name} cannot apply to table {table.Name}, which maps {table.ItemType.Name}.");
    }

    private sealed record Both(Node Left, Node Right, string Operator) : Node
    {
        public override string Render(ExpressionWriter writer, DynamoTable? table) =>
            $"{Parenthesized(Left.Render(writer, table))} {Operator} {Parenthesized(Right.Render(writer, table))}";
    }

    private sealed record Negation(Node Operand) : Node
    {
        public override string Render(ExpressionWriter writer, DynamoTable? table) => $"NOT {Parenthesized(Operand.Render(writer, table))}";
    }

    /// <summary>
    /// The expression in parentheses, unless one pair already encloses all of it: DynamoDB refuses redundant
    /// parentheses such as <c>((a OR b))</c>.
    /// </summary>
    private static string Parenthesized(string expression)
    {
        if (expression.StartsWith('(') && expression.EndsWith(')'))
        {
            var depth = 0;
            for (var i = 0; i < expression.Length; i++)
            {
                depth += expression[i] switch { '(' => 1, ')' => -1, _ => 0 };
                if (depth == 0)
                {
                    if (i == expression.Length - 1)
                    {
                        return expression;
                    }

                    break;
                }
            }
        }

        return $"({expression})";
    }
}

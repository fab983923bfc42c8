using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The one place that hands out expression placeholders for one request: <c>#nN</c> for attribute names and
/// <c>:vN</c> for values. Every part of a request — key condition, filter, projection, condition, update — is written
/// through the same writer, so two parts can never define a placeholder twice or with different meanings, and since a
/// placeholder is only handed out when an expression uses it, every one that is defined is used (DynamoDB rejects
/// unused ones).
/// </summary>
/// <remarks>
/// Placeholders chosen by callers in text conditions (<see cref="DynamoCondition.Of"/>) never reach a request: the
/// writer renames them (<see cref="Rewrite"/>), which is what keeps a filter's <c>#s</c> and a condition's <c>#s</c>
/// apart. Mutable, and used by one request builder at a time.
/// </remarks>
internal sealed class ExpressionWriter
{
    // The first placeholders of each kind, made once: a save names every attribute of its item, so these are per request.
    private static readonly string[] NamePlaceholders = [.. Enumerable.Range(0, 64).Select(i => "#n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    private static readonly string[] ValuePlaceholders = [.. Enumerable.Range(0, 64).Select(i => ":v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private readonly Dictionary<string, string> placeholderOfName = new(StringComparer.Ordinal);
    private Dictionary<string, string>? names;
    private Dictionary<string, AttributeValue>? values;

    /// <summary>The name placeholders used so far (placeholder → attribute name), or null when there are none.</summary>
    public Dictionary<string, string>? Names => names;

    /// <summary>The value placeholders used so far (placeholder → value), or null when there are none.</summary>
    public Dictionary<string, AttributeValue>? Values => values;

    /// <summary>The placeholder for an attribute name; the same name always gets the same placeholder.</summary>
    public string Name(string attribute)
    {
        if (!placeholderOfName.TryGetValue(attribute, out var placeholder))
        {
            placeholder = Placeholder(NamePlaceholders, "#n", placeholderOfName.Count);
            placeholderOfName[attribute] = placeholder;
            (names ??= new Dictionary<string, string>(StringComparer.Ordinal))[placeholder] = attribute;
        }

        return placeholder;
    }

    /// <summary>A new placeholder for a value.</summary>
    public string Value(AttributeValue value)
    {
        values ??= new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var placeholder = Placeholder(ValuePlaceholders, ":v", values.Count);
        values[placeholder] = value;
        return placeholder;
    }

    private static string Placeholder(string[] made, string prefix, int index) =>
        index < made.Length ? made[index] : prefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A caller's expression text with each of its own placeholders replaced by one of this writer's. Placeholders are
    /// the only tokens starting with <c>#</c> or <c>:</c> in DynamoDB's expression language (it has no string
    /// literals), so a token scan is exact.
    /// </summary>
    /// <exception cref="ArgumentException">The text uses a placeholder it does not define.</exception>
    public string Rewrite(string expression, IReadOnlyDictionary<string, string> callerNames, Func<string, AttributeValue?> callerValue)
    {
        var text = new System.Text.StringBuilder(expression.Length + 8);
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is not ('#' or ':'))
            {
                text.Append(c);
                i++;
                continue;
            }

            var end = i + 1;
            while (end < expression.Length && (char.IsAsciiLetterOrDigit(expression[end]) || expression[end] == '_'))
            {
                end++;
            }

            var token = expression[i..end];
            if (c == '#')
            {
                text.Append(callerNames.TryGetValue(token, out var attribute)
                    ? Name(attribute)
                    : throw new ArgumentException($"The expression '{expression}' uses the name placeholder {token} but does not define it."));
            }
            else
            {
                text.Append(callerValue(token) is { } value
                    ? Value(value)
                    : throw new ArgumentException($"The expression '{expression}' uses the value placeholder {token} but does not define it."));
            }

            i = end;
        }

        return text.ToString();
    }
}

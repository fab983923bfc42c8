using System;
using System.Collections.Immutable;
using System.Text;

namespace SessionEffects;

/// <summary>
/// The changes an <c>update</c> makes to one item: SET, REMOVE and ADD actions on attributes (by their stored names),
/// with an optional condition. Immutable: each method returns a new update. Names and values always go through
/// placeholders, so reserved words are safe.
/// </summary>
public sealed record ItemUpdate
{
    private ImmutableList<(string Action, string Attribute, object? Value)> actions = [];

    /// <summary>Only update when this condition holds.</summary>
    public DynamoCondition? Condition { get; init; }

    /// <summary>An update that sets <paramref name="attribute"/> to <paramref name="value"/>.</summary>
    public static ItemUpdate Set(string attribute, object? value) => new ItemUpdate().AndSet(attribute, value);

    /// <summary>An update that removes <paramref name="attribute"/>.</summary>
    public static ItemUpdate Remove(string attribute) => new ItemUpdate().AndRemove(attribute);

    /// <summary>An update that adds <paramref name="value"/> to a number or set attribute.</summary>
    public static ItemUpdate Add(string attribute, object value) => new ItemUpdate().AndAdd(attribute, value);

    /// <summary>Also set <paramref name="attribute"/> to <paramref name="value"/>.</summary>
    public ItemUpdate AndSet(string attribute, object? value) => With("SET", attribute, value);

    /// <summary>Also remove <paramref name="attribute"/>.</summary>
    public ItemUpdate AndRemove(string attribute) => With("REMOVE", attribute, null);

    /// <summary>Also add <paramref name="value"/> to a number or set attribute.</summary>
    public ItemUpdate AndAdd(string attribute, object value) =>
        With("ADD", attribute, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>The update expression with placeholders <c>#se_uN</c> and <c>:se_uN</c>.</summary>
    internal (string Expression, ImmutableDictionary<string, string> Names, ImmutableDictionary<string, object?> Values) Render()
    {
        if (actions.IsEmpty)
        {
            throw new ArgumentException("An update needs at least one action (Set, Remove or Add).");
        }

        var names = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var values = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var group in new[] { "SET", "REMOVE", "ADD" })
        {
            var first = true;
            for (var i = 0; i < actions.Count; i++)
            {
                var (action, attribute, value) = actions[i];
                if (action != group)
                {
                    continue;
                }

                text.Append(first ? (text.Length == 0 ? string.Empty : " ") + group + " " : ", ");
                first = false;
                names[$"#se_u{i}"] = attribute;
                text.Append($"#se_u{i}");
                if (action == "SET")
                {
                    text.Append($" = :se_u{i}");
                }

                if (action != "REMOVE")
                {
                    values[$":se_u{i}"] = value;
                    text.Append(action == "ADD" ? $" :se_u{i}" : string.Empty);
                }
            }
        }

        return (text.ToString(), names.ToImmutable(), values.ToImmutable());
    }

    private ItemUpdate With(string action, string attribute, object? value)
    {
        if (string.IsNullOrWhiteSpace(attribute))
        {
            throw new ArgumentException("An update action needs an attribute name.", nameof(attribute));
        }

        return this with { actions = actions.Add((action, attribute, value)) };
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace SessionEffects;

/// <summary>
/// The changes an <c>update</c> makes to one item: SET, REMOVE and ADD actions, with an optional condition. Immutable:
/// each method returns a new update. Write it typed, through the class mapping —
/// <c>ItemUpdate.Of&lt;User&gt;().Set(u =&gt; u.Name, "Ann").Add(u =&gt; u.Visits, 1)</c> — so stored names and converters
/// come from the class; or with attribute names as stored, for attributes the class does not map
/// (<c>ItemUpdate.Set("legacy_flag", true)</c>).
/// </summary>
/// <remarks>
/// Checked against the table before anything is sent: a name that is a mapped property's C# name but not its stored
/// name is refused (naming the stored one) rather than creating a stray attribute; key attributes cannot be updated;
/// the <c>[DynamoDBVersion]</c> attribute is managed by the library (every update of a versioned item increments it).
/// </remarks>
public record ItemUpdate
{
    private protected ItemUpdate()
    {
    }

    /// <summary>Only update when this condition holds.</summary>
    public DynamoCondition? Condition { get; init; }

    /// <summary>The actions, in the order they were added.</summary>
    private protected ImmutableList<UpdateAction> Actions { get; init; } = [];

    /// <summary>A typed update of items of <typeparamref name="T"/>, empty so far.</summary>
    public static ItemUpdate<T> Of<T>()
        where T : class => new();

    /// <summary>An update that sets the attribute stored as <paramref name="attribute"/> to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The attribute name is empty.</exception>
    public static ItemUpdate Set(string attribute, object? value) => new ItemUpdate().AndSet(attribute, value);

    /// <summary>An update that removes the attribute stored as <paramref name="attribute"/>.</summary>
    /// <exception cref="ArgumentException">The attribute name is empty.</exception>
    public static ItemUpdate Remove(string attribute) => new ItemUpdate().AndRemove(attribute);

    /// <summary>An update that adds <paramref name="value"/> to a number or set attribute stored as <paramref name="attribute"/>.</summary>
    /// <exception cref="ArgumentException">The attribute name is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static ItemUpdate Add(string attribute, object value) => new ItemUpdate().AndAdd(attribute, value);

    /// <summary>Also set the attribute stored as <paramref name="attribute"/> to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The attribute name is empty.</exception>
    public ItemUpdate AndSet(string attribute, object? value) => this with { Actions = Actions.Add(UpdateAction.Raw(UpdateKind.Set, attribute, value)) };

    /// <summary>Also remove the attribute stored as <paramref name="attribute"/>.</summary>
    /// <exception cref="ArgumentException">The attribute name is empty.</exception>
    public ItemUpdate AndRemove(string attribute) => this with { Actions = Actions.Add(UpdateAction.Raw(UpdateKind.Remove, attribute, null)) };

    /// <summary>Also add <paramref name="value"/> to a number or set attribute stored as <paramref name="attribute"/>.</summary>
    /// <exception cref="ArgumentException">The attribute name is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public ItemUpdate AndAdd(string attribute, object value) =>
        this with { Actions = Actions.Add(UpdateAction.Raw(UpdateKind.Add, attribute, value ?? throw new ArgumentNullException(nameof(value)))) };

    /// <summary>The actions as text, with the attributes they name (sealed: the typed form shows the same).</summary>
    public sealed override string ToString() =>
        "update " + string.Join(", ", Actions.Select(a => $"{a.Kind.ToString().ToUpperInvariant()} {a.Describe()}")) + (Condition is null ? string.Empty : $" when {Condition}");

    /// <summary>
    /// The update expression for an item of <paramref name="table"/>, written through <paramref name="writer"/>; on a
    /// versioned table it also increments the version (a new item starts at 0, as a save would give it).
    /// </summary>
    /// <exception cref="ArgumentException">The update is empty, names an attribute wrongly, or changes a key or the version.</exception>
    internal string Render(ExpressionWriter writer, DynamoTable table)
    {
        if (Actions.IsEmpty)
        {
            throw new ArgumentException($"An update of table {table.Name} needs at least one action (Set, Remove or Add).");
        }

        var groups = new Dictionary<UpdateKind, List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in Actions)
        {
            var (attribute, property) = action.Resolve(table);
            if (!seen.Add(attribute))
            {
                throw new ArgumentException($"The update of table {table.Name} changes attribute '{attribute}' twice; DynamoDB allows one action per attribute.");
            }

            var name = writer.Name(attribute);
            var value = action.Kind == UpdateKind.Remove ? null
                : writer.Value(property is null ? AttributeValues.From(action.Value) : PropertyValues.Of(property, action.Value));
            var part = action.Kind switch
            {
                UpdateKind.Set => $"{name} = {value}",
                UpdateKind.Add => $"{name} {value}",
                _ => name,
            };
            (groups.TryGetValue(action.Kind, out var list) ? list : groups[action.Kind] = []).Add(part);
        }

        if (table.Version is { } version)
        {
            var name = writer.Name(version.AttributeName);
            var increment = $"{name} = if_not_exists({name}, {writer.Value(AttributeValues.From(-1))}) + {writer.Value(AttributeValues.From(1))}";
            (groups.TryGetValue(UpdateKind.Set, out var list) ? list : groups[UpdateKind.Set] = []).Add(increment);
        }

        var text = new StringBuilder();
        foreach (var kind in new[] { UpdateKind.Set, UpdateKind.Remove, UpdateKind.Add })
        {
            if (groups.TryGetValue(kind, out var parts))
            {
                text.Append(text.Length == 0 ? string.Empty : " ").Append(kind.ToString().ToUpperInvariant()).Append(' ').AppendJoin(", ", parts);
            }
        }

        return text.ToString();
    }

    /// <summary>What an update action does.</summary>
    private protected enum UpdateKind
    {
        Set,
        Remove,
        Add,
    }

    /// <summary>One action: on a stored attribute name given as text, or on a mapped property.</summary>
    private protected sealed record UpdateAction(UpdateKind Kind, string? Attribute, PropertyInfo? Property, object? Value)
    {
        public static UpdateAction Raw(UpdateKind kind, string attribute, object? value) =>
            string.IsNullOrWhiteSpace(attribute)
                ? throw new ArgumentException("An update action needs an attribute name.", nameof(attribute))
                : new(kind, attribute, null, value);

        public static UpdateAction Typed(UpdateKind kind, LambdaExpression selector, object? value)
        {
            var property = PredicateParser.ItemProperty(selector.Body, selector.Parameters[0], selector)
                ?? throw PredicateParser.Unsupported(selector.Body, selector, "an update names a property of the item (x => x.Name)");
            return new(kind, null, property, value);
        }

        public string Describe() => Property?.Name ?? Attribute!;

        /// <summary>The stored attribute name, and the mapped property when there is one; refuses keys, the version and C# names.</summary>
        public (string Attribute, PropertyInfo? Property) Resolve(DynamoTable table)
        {
            var (attribute, property) = Property is { } p ? (AttributeNaming.NameOf(p), p) : (Attribute!, table.PropertyOf(Attribute!));
            if (Property is null && property is null && table.StoredNameOf(Attribute!) is { } stored)
            {
                throw new ArgumentException(
                    $"Table {table.Name}: '{Attribute}' is the C# name of a property stored as '{stored}'. Update it as '{stored}', or typed (x => x.{Attribute}); a new attribute '{Attribute}' would leave '{stored}' unchanged.");
            }

            if (attribute == table.HashKey.AttributeName || attribute == table.RangeKey?.AttributeName)
            {
                throw new ArgumentException($"Table {table.Name}: '{attribute}' is a key attribute; DynamoDB cannot update keys (save a new item and delete the old one).");
            }

            if (attribute == table.Version?.AttributeName)
            {
                throw new ArgumentException($"Table {table.Name}: '{attribute}' is the [DynamoDBVersion] attribute; the library increments it on every update and save.");
            }

            return (attribute, property);
        }
    }
}

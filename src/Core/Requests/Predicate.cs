using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A translated C# predicate: what a condition over an item class means in DynamoDB's expression language, with every
/// value already evaluated and converted. Queries pick key conditions out of the top-level conjunction; the rest, and
/// typed conditions on writes, render as expressions through an <see cref="ExpressionWriter"/>.
/// </summary>
internal abstract record Predicate
{
    /// <summary>This predicate as expression text, its names and values written through <paramref name="writer"/>.</summary>
    public abstract string Render(ExpressionWriter writer);

    /// <summary>Whether the predicate mentions the attribute stored as <paramref name="attribute"/>.</summary>
    public abstract bool Mentions(string attribute);

    private protected static string NameOf(ExpressionWriter writer, PropertyInfo property) => writer.Name(AttributeNaming.NameOf(property));
}

/// <summary><c>attribute op value</c> with op one of =, &lt;, &lt;=, &gt;, &gt;=.</summary>
internal sealed record ComparisonPredicate(PropertyInfo Property, string Operator, AttributeValue Value) : Predicate
{
    public override string Render(ExpressionWriter writer) => $"{NameOf(writer, Property)} {Operator} {writer.Value(Value)}";

    public override bool Mentions(string attribute) => AttributeNaming.NameOf(Property) == attribute;
}

/// <summary><c>begins_with(attribute, value)</c>.</summary>
internal sealed record BeginsWithPredicate(PropertyInfo Property, AttributeValue Value) : Predicate
{
    public override string Render(ExpressionWriter writer) => $"begins_with({NameOf(writer, Property)}, {writer.Value(Value)})";

    public override bool Mentions(string attribute) => AttributeNaming.NameOf(Property) == attribute;
}

/// <summary><c>contains(attribute, value)</c>: a substring of a string, or an element of a set or list.</summary>
internal sealed record ContainsPredicate(PropertyInfo Property, AttributeValue Value) : Predicate
{
    public override string Render(ExpressionWriter writer) => $"contains({NameOf(writer, Property)}, {writer.Value(Value)})";

    public override bool Mentions(string attribute) => AttributeNaming.NameOf(Property) == attribute;
}

/// <summary><c>attribute IN (values)</c>.</summary>
internal sealed record InPredicate(PropertyInfo Property, ImmutableArray<AttributeValue> Values) : Predicate
{
    public override string Render(ExpressionWriter writer) =>
        $"{NameOf(writer, Property)} IN ({string.Join(", ", Values.Select(writer.Value))})";

    public override bool Mentions(string attribute) => AttributeNaming.NameOf(Property) == attribute;
}

/// <summary>The attribute holds a value (it exists and is not DynamoDB's NULL).</summary>
internal sealed record HasValuePredicate(PropertyInfo Property) : Predicate
{
    // A stored null is DynamoDB's NULL type; C# sees null for both it and a missing attribute.
    public override string Render(ExpressionWriter writer)
    {
        var name = NameOf(writer, Property);
        return $"(attribute_exists({name}) AND NOT attribute_type({name}, {writer.Value(new AttributeValue { S = "NULL" })}))";
    }

    public override bool Mentions(string attribute) => AttributeNaming.NameOf(Property) == attribute;
}

/// <summary>Both.</summary>
internal sealed record AndPredicate(Predicate Left, Predicate Right) : Predicate
{
    public override string Render(ExpressionWriter writer) => $"({Left.Render(writer)} AND {Right.Render(writer)})";

    public override bool Mentions(string attribute) => Left.Mentions(attribute) || Right.Mentions(attribute);
}

/// <summary>Either.</summary>
internal sealed record OrPredicate(Predicate Left, Predicate Right) : Predicate
{
    public override string Render(ExpressionWriter writer) => $"({Left.Render(writer)} OR {Right.Render(writer)})";

    public override bool Mentions(string attribute) => Left.Mentions(attribute) || Right.Mentions(attribute);
}

/// <summary>Not.</summary>
internal sealed record NotPredicate(Predicate Operand) : Predicate
{
    public override string Render(ExpressionWriter writer) => $"(NOT {Operand.Render(writer)})";

    public override bool Mentions(string attribute) => Operand.Mentions(attribute);
}

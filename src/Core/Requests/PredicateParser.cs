using System;
using System.Linq.Expressions;
using System.Reflection;
using Amazon.DynamoDBv2.DataModel;
using Expression = System.Linq.Expressions.Expression;

namespace SessionEffects;

/// <summary>
/// Turns a C# predicate over a table class into a <see cref="Predicate"/>, or fails naming the sub-expression it cannot
/// translate. Sub-expressions that do not mention the item (captured variables, member access, method calls) are
/// evaluated once, here; nothing is ever filtered on the client.
/// </summary>
internal static partial class PredicateParser
{
    public static Predicate Parse(LambdaExpression predicate)
    {
        var item = predicate.Parameters[0];
        return new Visitor(item, predicate).Translate(predicate.Body);
    }

    /// <summary>The mapped property a member-access chain on the item names, or null when the expression is not one.</summary>
    public static PropertyInfo? ItemProperty(Expression e, ParameterExpression item, LambdaExpression source)
    {
        e = StripConvert(e);
        if (e is not MemberExpression { Member: PropertyInfo property } member || member.Expression is null)
        {
            return null;
        }

        if (StripConvert(member.Expression) != item)
        {
            throw Unsupported(e, source, "only properties of the item itself can be queried (no nested paths)");
        }

        if (property.GetCustomAttribute<DynamoDBIgnoreAttribute>() is not null)
        {
            throw Unsupported(e, source, $"{property.Name} is marked [DynamoDBIgnore] and is not stored");
        }

        return property;
    }

    public static Expression StripConvert(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u)
        {
            e = u.Operand;
        }

        return e;
    }

    public static NotSupportedException Unsupported(Expression e, LambdaExpression source, string why) =>
        new($"Cannot translate '{e}' in '{source}' to DynamoDB: {why}. Nothing is filtered on the client; rewrite the condition with what DynamoDB supports (comparisons, &&, ||, !, StartsWith, Contains, == null).");
}

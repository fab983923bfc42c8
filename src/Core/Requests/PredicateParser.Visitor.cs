using System;
using System.Collections;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using Expression = System.Linq.Expressions.Expression;

namespace SessionEffects;

/// <content>
/// The walk over a predicate's expression tree: each node it can translate becomes part of the condition, each
/// sub-expression without the item is evaluated once, and anything else is refused by name.
/// </content>
internal static partial class PredicateParser
{
    private sealed class Visitor(ParameterExpression item, LambdaExpression source)
    {
        public Predicate Translate(Expression e)
        {
            switch (e.NodeType)
            {
                case ExpressionType.AndAlso:
                    var and = (BinaryExpression)e;
                    return new AndPredicate(Translate(and.Left), Translate(and.Right));
                case ExpressionType.OrElse:
                    var or = (BinaryExpression)e;
                    return new OrPredicate(Translate(or.Left), Translate(or.Right));
                case ExpressionType.Not:
                    return new NotPredicate(Translate(((UnaryExpression)e).Operand));
                case ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                    or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual:
                    return Compare((BinaryExpression)e);
                case ExpressionType.Call:
                    return Call((MethodCallExpression)e);
                case ExpressionType.MemberAccess when Property(e) is { } flag && Unwrap(flag.PropertyType) == typeof(bool):
                    return new ComparisonPredicate(flag, "=", PropertyValues.Of(flag, true));
                default:
                    if (!Mentions(e))
                    {
                        throw Unsupported(e, source, "a condition that does not depend on the item is constant; apply it in your code before building the query");
                    }

                    throw Unsupported(e, source, $"{e.NodeType} is not supported");
            }
        }

        private Predicate Compare(BinaryExpression e)
        {
            // string.CompareOrdinal(o.Name, v) < 0, o.Name.CompareTo(v) >= 0, …: string ordering as DynamoDB does it (by bytes).
            if ((OrdinalComparison(e.Left, e.Right, e.NodeType) ?? OrdinalComparison(e.Right, e.Left, Flip(e.NodeType))) is { } ordered)
            {
                return ordered;
            }

            var (property, other, op) = Property(e.Left) is { } left ? (left, e.Right, e.NodeType)
                : Property(e.Right) is { } right ? (right, e.Left, Flip(e.NodeType))
                : throw Unsupported(e, source, "a comparison needs a property of the item on one side");
            if (Mentions(other))
            {
                throw Unsupported(e, source, "compare a property with a value, not with another property");
            }

            var value = Evaluate(other);
            if (value is null)
            {
                return op switch
                {
                    ExpressionType.Equal => new NotPredicate(new HasValuePredicate(property)),
                    ExpressionType.NotEqual => new HasValuePredicate(property),
                    _ => throw Unsupported(e, source, "ordering against null is always false in C#; use == null or != null"),
                };
            }

            if (property.PropertyType == typeof(string) && op is not (ExpressionType.Equal or ExpressionType.NotEqual))
            {
                throw Unsupported(e, source, "order strings with string.CompareOrdinal(…) (DynamoDB compares bytes, not culture)");
            }

            var attribute = PropertyValues.Of(property, value);
            return op == ExpressionType.NotEqual
                ? new NotPredicate(new ComparisonPredicate(property, "=", attribute))
                : new ComparisonPredicate(property, Symbol(op), attribute);
        }

        private Predicate? OrdinalComparison(Expression call, Expression zero, ExpressionType op)
        {
            if (StripConvert(call) is not MethodCallExpression m || Mentions(zero) || Evaluate(zero) is not 0)
            {
                return null;
            }

            (Expression A, Expression B)? operands = m.Method.Name switch
            {
                nameof(string.CompareOrdinal) when m.Method.DeclaringType == typeof(string) && m.Arguments.Count == 2 => (m.Arguments[0], m.Arguments[1]),
                nameof(string.Compare) when m.Method.DeclaringType == typeof(string) && m.Arguments.Count == 3 && !Mentions(m.Arguments[2])
                    && Evaluate(m.Arguments[2]) is StringComparison.Ordinal => (m.Arguments[0], m.Arguments[1]),
                nameof(string.CompareTo) when m.Object is not null && m.Method.DeclaringType == typeof(string) && m.Arguments.Count == 1 => (m.Object, m.Arguments[0]),
                _ => null,
            };
            if (operands is not { } pair)
            {
                return null;
            }

            var (property, value, direction) = Property(pair.A) is { } a ? (a, pair.B, op)
                : Property(pair.B) is { } b ? (b, pair.A, Flip(op))
                : throw Unsupported(m, source, "a string comparison needs a property of the item");
            if (Mentions(value) || Evaluate(value) is not string text)
            {
                throw Unsupported(m, source, "compare a string property with a non-null string value");
            }

            var attribute = PropertyValues.Of(property, text);
            return direction == ExpressionType.NotEqual
                ? new NotPredicate(new ComparisonPredicate(property, "=", attribute))
                : new ComparisonPredicate(property, Symbol(direction), attribute);
        }

        private Predicate Call(MethodCallExpression m)
        {
            // F#'s isNull x (FSharp.Core's Operators.IsNull) means x = null.
            if (m.Method.Name == "IsNull" && m.Method.DeclaringType?.FullName == "Microsoft.FSharp.Core.Operators" && m.Arguments.Count == 1)
            {
                var property = Property(m.Arguments[0]) ?? throw Unsupported(m, source, "isNull needs a property of the item");
                return new NotPredicate(new HasValuePredicate(property));
            }

            // o.Name.StartsWith("x") → begins_with
            if (m.Method.DeclaringType == typeof(string) && m.Method.Name == nameof(string.StartsWith) && m.Object is not null
                && (m.Arguments.Count == 1 || (m.Arguments.Count == 2 && !Mentions(m.Arguments[1]) && Evaluate(m.Arguments[1]) is StringComparison.Ordinal))
                && m.Arguments[0].Type == typeof(string))
            {
                var property = Property(m.Object) ?? throw Unsupported(m, source, "StartsWith needs a property of the item");
                return new BeginsWithPredicate(property, PropertyValues.Of(property, ValueOf(m.Arguments[0], m)));
            }

            // o.Name.Contains("x") → contains (substring)
            if (m.Method.DeclaringType == typeof(string) && m.Method.Name == nameof(string.Contains) && m.Object is not null
                && m.Arguments.Count == 1 && m.Arguments[0].Type == typeof(string))
            {
                var property = Property(m.Object) ?? throw Unsupported(m, source, "Contains needs a property of the item");
                return new ContainsPredicate(property, PropertyValues.Of(property, ValueOf(m.Arguments[0], m)));
            }

            // o.Tags.Contains(x) or Enumerable.Contains(o.Tags, x) → contains (element); values.Contains(o.X) → IN.
            // C# 14 binds array.Contains(x) to MemoryExtensions.Contains(span, x): the array is under an implicit conversion.
            if (m.Method.Name == nameof(Enumerable.Contains))
            {
                var (collection, element) = m.Object is not null && m.Arguments.Count == 1 ? (m.Object, m.Arguments[0])
                    : m.Object is null && m.Arguments.Count == 2 ? SourceAndValue(FromSpan(m.Arguments[0]), m.Arguments[1])
                    : m.Object is null && m.Arguments.Count == 3 && m.Method.DeclaringType == typeof(MemoryExtensions) && !Mentions(m.Arguments[2]) && Evaluate(m.Arguments[2]) is null
                        ? (FromSpan(m.Arguments[0]), m.Arguments[1])
                    : throw Unsupported(m, source, "this Contains overload is not supported");
                if (Property(collection) is { } set)
                {
                    var elementType = ElementType(set.PropertyType) ?? throw Unsupported(m, source, $"{set.Name} is not a set or list");
                    return new ContainsPredicate(set, PropertyValues.Of(set, ValueOf(element, m), elementType));
                }

                if (Property(element) is { } member && !Mentions(collection))
                {
                    var values = (Evaluate(collection) as IEnumerable ?? throw Unsupported(m, source, "the collection is null")).Cast<object?>()
                        .Select(v => PropertyValues.Of(member, v)).ToImmutableArray();
                    return values.Length is < 1 or > 100
                        ? throw Unsupported(m, source, $"IN takes 1 to 100 values; the collection has {values.Length}")
                        : new InPredicate(member, values);
                }
            }

            throw Unsupported(m, source, $"the method {m.Method.DeclaringType?.Name}.{m.Method.Name} has no DynamoDB equivalent");
        }

        private PropertyInfo? Property(Expression e) => ItemProperty(e, item, source);

        /// <summary>
        /// Which argument of a static two-argument Contains is the collection: <c>Enumerable.Contains(source, value)</c>
        /// puts it first, F#'s <c>List.contains value source</c> (and Seq, Array) last. The collection is the argument
        /// whose type is a sequence while the other's is not; when both or neither are, the .NET order applies.
        /// </summary>
        private static (Expression Collection, Expression Element) SourceAndValue(Expression first, Expression second) =>
            !IsSequence(first.Type) && IsSequence(second.Type) ? (second, first) : (first, second);

        private static bool IsSequence(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

        /// <summary>The array or collection under an implicit conversion to a span, or the expression itself.</summary>
        private static Expression FromSpan(Expression e) =>
            e switch
            {
                MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } c when IsSpan(c.Type) => c.Arguments[0],
                UnaryExpression { NodeType: ExpressionType.Convert } u when IsSpan(u.Type) => u.Operand,
                _ => e,
            };

        private static bool IsSpan(Type t) =>
            t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || t.GetGenericTypeDefinition() == typeof(Span<>));

        private object ValueOf(Expression e, Expression context) =>
            Mentions(e) ? throw Unsupported(context, source, "the argument must not depend on the item")
            : Evaluate(e) ?? throw Unsupported(context, source, "the argument is null");

        private bool Mentions(Expression e) => new ParameterFinder(item).Finds(e);

        private static object? Evaluate(Expression e) =>
            StripConvert(e) is ConstantExpression c && c.Type == e.Type ? c.Value
            : Expression.Lambda<Func<object?>>(Expression.Convert(e, typeof(object))).Compile(preferInterpretation: true)();

        private static Type Unwrap(Type t) => Nullable.GetUnderlyingType(t) ?? t;

        /// <summary>
        /// The element type of a set or list property: an array's, or the one type argument of a generic collection
        /// (HashSet&lt;T&gt;, List&lt;T&gt;, ISet&lt;T&gt;, …) or of its nearest generic base. Found without listing interfaces,
        /// which trimming may not keep for a property's type.
        /// </summary>
        private static Type? ElementType(Type t)
        {
            if (t == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(t))
            {
                return null;
            }

            if (t.IsArray)
            {
                return t.GetElementType();
            }

            for (var type = t; type is not null; type = type.BaseType)
            {
                if (type.IsGenericType && type.GetGenericArguments() is [var element])
                {
                    return element;
                }
            }

            return null;
        }

        private static ExpressionType Flip(ExpressionType op) => op switch
        {
            ExpressionType.LessThan => ExpressionType.GreaterThan,
            ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
            ExpressionType.GreaterThan => ExpressionType.LessThan,
            ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
            _ => op,
        };

        private static string Symbol(ExpressionType op) => op switch
        {
            ExpressionType.Equal => "=",
            ExpressionType.LessThan => "<",
            ExpressionType.LessThanOrEqual => "<=",
            ExpressionType.GreaterThan => ">",
            ExpressionType.GreaterThanOrEqual => ">=",
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    /// <summary>Whether an expression mentions the item parameter anywhere.</summary>
    private sealed class ParameterFinder(ParameterExpression item) : ExpressionVisitor
    {
        private bool found;

        public bool Finds(Expression e)
        {
            found = false;
            Visit(e);
            return found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            found |= node == item;
            return node;
        }
    }
}

using System.Collections.Immutable;
using System.Reflection;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A translated predicate: what a C# condition means in DynamoDB's expression language, with every value already
/// evaluated and converted. Key conditions are picked out of the top-level conjunction; the rest renders as a filter.
/// </summary>
internal abstract record Condition;

/// <summary><c>attribute op value</c> with op one of =, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=.</summary>
internal sealed record Comparison(PropertyInfo Property, string Operator, AttributeValue Value) : Condition;

/// <summary><c>begins_with(attribute, value)</c>.</summary>
internal sealed record BeginsWith(PropertyInfo Property, AttributeValue Value) : Condition;

/// <summary><c>contains(attribute, value)</c>: a substring of a string, or an element of a set or list.</summary>
internal sealed record Contains(PropertyInfo Property, AttributeValue Value) : Condition;

/// <summary><c>attribute IN (values)</c>.</summary>
internal sealed record In(PropertyInfo Property, ImmutableArray<AttributeValue> Values) : Condition;

/// <summary>The attribute holds a value (it exists and is not DynamoDB's NULL).</summary>
internal sealed record HasValue(PropertyInfo Property) : Condition;

/// <summary>Both.</summary>
internal sealed record And(Condition Left, Condition Right) : Condition;

/// <summary>Either.</summary>
internal sealed record Or(Condition Left, Condition Right) : Condition;

/// <summary>Not.</summary>
internal sealed record Not(Condition Operand) : Condition;

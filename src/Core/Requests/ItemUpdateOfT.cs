using System;
using System.Linq.Expressions;

namespace SessionEffects;

/// <summary>
/// A typed <see cref="ItemUpdate"/> of items of <typeparamref name="T"/>: every action names a property
/// (<c>u =&gt; u.Name</c>), so the stored attribute name and the property's converter come from the class mapping.
/// Start one with <see cref="ItemUpdate.Of{T}"/>.
/// </summary>
/// <typeparam name="T">The table class.</typeparam>
public sealed record ItemUpdate<T> : ItemUpdate
    where T : class
{
    internal ItemUpdate()
    {
    }

    /// <summary>Also set the property to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="property"/> does not name a stored property of the item.</exception>
    public ItemUpdate<T> Set<TValue>(Expression<Func<T, TValue>> property, TValue value) => With(UpdateKind.Set, property, value);

    /// <summary>Also remove the property's attribute from the item.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="property"/> does not name a stored property of the item.</exception>
    public ItemUpdate<T> Remove<TValue>(Expression<Func<T, TValue>> property) => With(UpdateKind.Remove, property, null);

    /// <summary>Also add <paramref name="value"/> to a number property, or its elements to a set property.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="property"/> does not name a stored property of the item.</exception>
    public ItemUpdate<T> Add<TValue>(Expression<Func<T, TValue>> property, TValue value) =>
        With(UpdateKind.Add, property, value is null ? throw new ArgumentNullException(nameof(value)) : value);

    /// <summary>Only update when <paramref name="condition"/> holds (combined with AND with a condition given before).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="NotSupportedException">A part of the condition has no DynamoDB equivalent; the message names it.</exception>
    public ItemUpdate<T> When(Expression<Func<T, bool>> condition)
    {
        var typed = DynamoCondition.For(condition);
        return this with { Condition = Condition is null ? typed : Condition.And(typed) };
    }

    private ItemUpdate<T> With(UpdateKind kind, LambdaExpression property, object? value)
    {
        ArgumentNullException.ThrowIfNull(property);
        return this with { Actions = Actions.Add(UpdateAction.Typed(kind, property, value)) };
    }
}

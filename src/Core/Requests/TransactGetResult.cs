using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace SessionEffects;

/// <summary>What a read transaction found: one item (or none) per part, all read at one point in time.</summary>
public sealed class TransactGetResult
{
    private readonly IReadOnlyList<GetPart> parts;
    private readonly IReadOnlyList<object?> items;

    internal TransactGetResult(IReadOnlyList<GetPart> parts, IReadOnlyList<object?> items)
    {
        this.parts = parts;
        this.items = items;
    }

    /// <summary>How many parts the transaction had.</summary>
    public int Count => parts.Count;

    /// <summary>The item <paramref name="part"/> read, or null when there is none with its key.</summary>
    /// <exception cref="ArgumentException"><paramref name="part"/> was not part of this transaction.</exception>
    public T? Find<[DynamicallyAccessedMembers(ItemMembers.Kept)] T>(GetPart<T> part)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(part);
        for (var i = 0; i < parts.Count; i++)
        {
            if (ReferenceEquals(parts[i], part))
            {
                return (T?)items[i];
            }
        }

        throw new ArgumentException($"The {part} was not a part of this transaction.", nameof(part));
    }

    /// <summary>The items in the order of the parts (null where a part found none).</summary>
    public IReadOnlyList<object?> Items => items;

    /// <inheritdoc/>
    public override string ToString() => $"{items.Count(i => i is not null)} of {parts.Count} item(s) found";
}

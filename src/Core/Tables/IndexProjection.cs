using System;
using System.Collections.Immutable;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>Which attributes a secondary index holds besides the keys: all, keys only, or the listed ones.</summary>
public sealed class IndexProjection
{
    private IndexProjection(ProjectionType type, ImmutableArray<string> attributes)
    {
        Type = type;
        Attributes = attributes;
    }

    /// <summary>Every attribute (DynamoDB's ALL).</summary>
    public static IndexProjection All { get; } = new(ProjectionType.ALL, []);

    /// <summary>The table's and the index's keys only (KEYS_ONLY).</summary>
    public static IndexProjection KeysOnly { get; } = new(ProjectionType.KEYS_ONLY, []);

    /// <summary>The projection type.</summary>
    public ProjectionType Type { get; }

    /// <summary>The attributes an INCLUDE projection adds to the keys.</summary>
    public ImmutableArray<string> Attributes { get; }

    /// <summary>The keys and these stored attribute names (INCLUDE).</summary>
    /// <exception cref="ArgumentException">No attribute is given, or one is empty.</exception>
    public static IndexProjection Include(params string[] attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.Length == 0 || attributes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An INCLUDE projection names at least one attribute, none of them empty.", nameof(attributes));
        }

        return new(ProjectionType.INCLUDE, [.. attributes]);
    }

    /// <inheritdoc/>
    public override string ToString() => Attributes.IsEmpty ? Type.Value : $"{Type.Value}({string.Join(", ", Attributes)})";

    /// <summary>The SDK's projection.</summary>
    internal Projection ToProjection() =>
        new() { ProjectionType = Type, NonKeyAttributes = Attributes.IsEmpty ? null : [.. Attributes] };
}

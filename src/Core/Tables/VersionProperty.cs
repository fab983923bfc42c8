using System;
using System.Globalization;
using System.Reflection;

namespace SessionEffects;

/// <summary>
/// The <c>[DynamoDBVersion]</c> property of a table class: optimistic locking as the SDK's DynamoDBContext does it. A new
/// item (version null) is saved as version 0 on the condition that it does not exist yet; every later save stores the
/// next version on the condition that the stored one is still the item's.
/// </summary>
public sealed class VersionProperty
{
    private readonly PropertyInfo property;

    internal VersionProperty(PropertyInfo property, string attributeName)
    {
        this.property = property;
        AttributeName = attributeName;
    }

    /// <summary>The .NET property.</summary>
    public string PropertyName => property.Name;

    /// <summary>The attribute name stored in DynamoDB.</summary>
    public string AttributeName { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{AttributeName} (version)";

    /// <summary>The version the item carries now; null for an item never saved.</summary>
    internal long? Read(object item) => property.GetValue(item) is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;

    /// <summary>Stores <paramref name="version"/> in the item (after a successful write).</summary>
    internal void Write(object item, long version) =>
        property.SetValue(item, Convert.ChangeType(version, Nullable.GetUnderlyingType(property.PropertyType)!, CultureInfo.InvariantCulture));
}

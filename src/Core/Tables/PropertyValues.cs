using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Converts a value given for a mapped property (a condition operand, an update value) into the attribute value the
/// SDK stores for that property: its <c>[DynamoDBProperty]</c> converter if it has one, else the V2 conversion of the
/// property's type (a nullable enum as the map the SDK stores it as). Shared by typed conditions, queries and updates
/// so all three agree with what saves store.
/// </summary>
internal static class PropertyValues
{
    /// <summary>Each property's converter (or none), read once: building a condition or an update is per request.</summary>
    private static readonly ConcurrentDictionary<PropertyInfo, IPropertyConverter?> Converters = new();

    /// <summary>The attribute value the SDK would store <paramref name="value"/> as, for <paramref name="property"/>.</summary>
    public static AttributeValue Of(PropertyInfo property, object? value, Type? elementOf = null)
    {
        if (value is null)
        {
            return new AttributeValue { NULL = true };
        }

        DynamoDBEntry entry;
        if (elementOf is null && Converters.GetOrAdd(property, ConverterOf) is { } converter)
        {
            entry = converter.ToEntry(value);
        }
        else
        {
            var target = elementOf ?? Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var converted = target.IsInstanceOfType(value) ? value
                : target.IsEnum ? Enum.ToObject(target, value)
                : Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
            entry = AttributeValues.Conversion.ConvertToEntry(target, converted);
            if (elementOf is null && target.IsEnum && Nullable.GetUnderlyingType(property.PropertyType) is not null)
            {
                // The SDK stores a nullable enum property as a map of the boxed enum's field (NullableEnumCodec).
                return new AttributeValue { M = new() { ["value__"] = AttributeValues.Of(entry) } };
            }
        }

        return AttributeValues.Of(entry);
    }

    private static IPropertyConverter? ConverterOf(PropertyInfo property) =>
        property.GetCustomAttributes<DynamoDBPropertyAttribute>(inherit: true).FirstOrDefault(a => a.Converter is not null) is { } attribute
            ? (IPropertyConverter)Activator.CreateInstance(attribute.Converter)!
            : null;
}

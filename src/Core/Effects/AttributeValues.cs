using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>Converts plain .NET values (condition and update operands) the way the SDK stores properties.</summary>
internal static class AttributeValues
{
    private static readonly DynamoDBEntryConversion Conversion = DynamoDBEntryConversion.V2;

    public static AttributeValue From(object? value)
    {
        if (value is null)
        {
            return new AttributeValue { NULL = true };
        }

        if (value is AttributeValue raw)
        {
            return raw;
        }

        var doc = new Document { ["v"] = Conversion.ConvertToEntry(value.GetType(), value) };
        return doc.ToAttributeMap(Conversion)["v"];
    }

    public static Dictionary<string, AttributeValue> Map(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var map = new Dictionary<string, AttributeValue>(System.StringComparer.Ordinal);
        foreach (var (k, v) in values)
        {
            map[k] = From(v);
        }

        return map;
    }
}

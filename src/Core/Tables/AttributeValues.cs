using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Converts plain .NET values (keys, condition, update and query operands) the way the SDK stores properties — with
/// the V2 conversion schema and empty strings kept (DynamoDB allows them outside keys; dropping them would lose data).
/// </summary>
internal static class AttributeValues
{
    /// <summary>The conversion schema used for every item, key and value.</summary>
    public static readonly DynamoDBEntryConversion Conversion = DynamoDBEntryConversion.V2;

    /// <summary>One SDK entry as an attribute value.</summary>
    public static AttributeValue Of(DynamoDBEntry entry)
    {
        var doc = new Document { ["v"] = entry };
        return Map(doc)["v"];
    }

    /// <summary>A document as an attribute map, empty strings included.</summary>
    public static Dictionary<string, AttributeValue> Map(Document document) =>
        document.ToAttributeMap(Conversion, isEmptyStringValueEnabled: true);

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

        return Of(Conversion.ConvertToEntry(value.GetType(), value));
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

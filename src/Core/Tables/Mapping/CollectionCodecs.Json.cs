using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The collection codecs read straight from response JSON, element by element through the element codecs; each
/// accepts exactly what its <c>TryRead</c> accepts. Set elements are bare strings in the JSON, so each is handed to the
/// element codec as the one-value attribute the SDK's set conversion would hand it.
/// </summary>
internal static partial class CollectionCodecs
{
    public sealed partial class List<E>
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out System.Collections.Generic.List<E>? value)
        {
            value = null;
            if (!AttributeJson.Open(ref reader, "L"u8) || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var list = new System.Collections.Generic.List<E>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!element.TryReadJson(ref reader, out var e))
                {
                    return false;
                }

                list.Add(e);
            }

            value = list;
            return AttributeJson.Close(ref reader);
        }
    }

    public sealed partial class Array<E>
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out E[]? value)
        {
            var ok = list.TryReadJson(ref reader, out var read);
            value = read?.ToArray();
            return ok;
        }
    }

    public sealed partial class Set<E>
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out HashSet<E>? value)
        {
            value = null;
            var type = kind switch { SetKind.String => "SS"u8, SetKind.Number => "NS"u8, _ => "BS"u8 };
            if (!AttributeJson.Open(ref reader, type) || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var set = new HashSet<E>();
            while (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                var one = kind switch
                {
                    SetKind.String => new AttributeValue { S = reader.GetString() },
                    SetKind.Number => new AttributeValue { N = reader.GetString() },
                    _ => new AttributeValue { B = new MemoryStream(reader.GetBytesFromBase64()) },
                };
                if (!element.TryRead(one, out var e))
                {
                    return false;
                }

                set.Add(e);
            }

            value = set;
            return reader.TokenType == JsonTokenType.EndArray && AttributeJson.Close(ref reader);
        }
    }

    public sealed partial class Map<E>
    {
        public override bool TryReadJson(ref Utf8JsonReader reader, out Dictionary<string, E>? value)
        {
            value = null;
            if (!AttributeJson.Open(ref reader, "M"u8) || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var read = new Dictionary<string, E>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                if (!reader.Read() || !element.TryReadJson(ref reader, out var e))
                {
                    return false;
                }

                read[key] = e;
            }

            value = read;
            return reader.TokenType == JsonTokenType.EndObject && AttributeJson.Close(ref reader);
        }
    }
}

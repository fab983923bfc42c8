using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// DynamoDB's JSON form of an attribute value (<c>{"S":"x"}</c>, <c>{"M":{...}}</c>...) read with
/// <see cref="Utf8JsonReader"/>: the building blocks of the direct read, and the attribute value the SDK's own
/// unmarshaller makes of such JSON (for codecs that need one, and for key attributes).
/// </summary>
internal static class AttributeJson
{
    /// <summary>
    /// At the start of an attribute value: moves to the value of its member when that member is
    /// <paramref name="type"/> (<c>"S"</c>, <c>"N"</c>...); false for any other type.
    /// </summary>
    public static bool Open(ref Utf8JsonReader reader, ReadOnlySpan<byte> type) =>
        reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
        && reader.ValueTextEquals(type) && reader.Read();

    /// <summary>After the member's value: true when the attribute value ends there (it has one member).</summary>
    public static bool Close(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.EndObject;

    /// <summary>The text of a string token (a number's text too, as DynamoDB sends numbers as strings), or null.</summary>
    public static string? Text(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    /// <summary>
    /// The attribute value at the reader (at its start; at its end afterwards), as the SDK's unmarshaller makes it:
    /// one member per type, B and BS as memory streams, collections as lists and dictionaries; null when the JSON is
    /// not an attribute value.
    /// </summary>
    public static AttributeValue? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var value = new AttributeValue();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var type = reader.GetString();
            if (!reader.Read())
            {
                return null;
            }

            switch (type)
            {
                case "S": value.S = Text(ref reader); break;
                case "N": value.N = Text(ref reader); break;
                case "B": value.B = reader.TokenType == JsonTokenType.String ? new MemoryStream(reader.GetBytesFromBase64()) : null; break;
                case "BOOL": value.BOOL = Flag(ref reader); break;
                case "NULL": value.NULL = Flag(ref reader); break;
                case "SS": value.SS = Texts(ref reader); break;
                case "NS": value.NS = Texts(ref reader); break;
                case "BS":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return null;
                    }

                    value.BS = [];
                    while (reader.Read() && reader.TokenType == JsonTokenType.String)
                    {
                        value.BS.Add(new MemoryStream(reader.GetBytesFromBase64()));
                    }

                    break;
                case "L":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return null;
                    }

                    value.L = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (Read(ref reader) is not { } element)
                        {
                            return null;
                        }

                        value.L.Add(element);
                    }

                    break;
                case "M":
                    if (ReadMap(ref reader) is not { } map)
                    {
                        return null;
                    }

                    value.M = map;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? value : null;
    }

    /// <summary>An attribute map (at its start; at its end afterwards), or null when the JSON is not one.</summary>
    public static Dictionary<string, AttributeValue>? ReadMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var map = new Dictionary<string, AttributeValue>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!reader.Read() || Read(ref reader) is not { } value)
            {
                return null;
            }

            map[name] = value;
        }

        return map;
    }

    private static bool? Flag(ref Utf8JsonReader reader) =>
        reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };

    private static List<string>? Texts(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            list.Add(reader.GetString()!);
        }

        return list;
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime.Internal.Transform;

namespace SessionEffects;

/// <summary>
/// Reads one item of <typeparamref name="T"/> from response JSON through the compiled codecs, with no attribute value
/// in between. An item it cannot read exactly is handed back as the SDK's attribute map of the item's bytes, so the
/// caller maps that item as today (the compiled mapping, and the SDK for what it leaves): per item, nothing lost.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class DirectItemReader<T>(ObjectCodec<T> root, DynamoTable table, DirectRead<T> owner) : IDirectPartReader
    where T : class, new()
{
    private readonly byte[] hashName = Encoding.UTF8.GetBytes(table.HashKey.AttributeName);
    private readonly byte[]? rangeName = table.RangeKey is { } r ? Encoding.UTF8.GetBytes(r.AttributeName) : null;

    /// <summary>The table the items belong to.</summary>
    public DynamoTable Table { get; } = table;

    /// <summary>The item at <paramref name="reader"/> (at its start; at its end afterwards) of <paramref name="body"/>.</summary>
    public ReadItem<T> Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response)
    {
        var saved = reader;
        T? item;
        try
        {
            item = root.ReadJsonMap(ref reader);
        }
#pragma warning disable CA1031 // Any failure (a setter that throws, a value the reader refuses) leaves the item to today's path, which fails as it always did.
        catch (Exception)
#pragma warning restore CA1031
        {
            item = null;
        }

        if (item is not null)
        {
            return new ReadItem<T>(item, null);
        }

        owner.FellBack();
        reader = saved;
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new ReadItem<T>(null, ResponseBody.Item(body[start..(int)reader.BytesConsumed], response));
    }

    /// <inheritdoc/>
    object? IDirectPartReader.Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response, out Dictionary<string, AttributeValue>? stored)
    {
        var item = Read(ref reader, body, response);
        stored = item.Stored;
        return item.Value;
    }

    /// <summary>The key attributes of the item whose JSON is <paramref name="itemJson"/> (as the SDK unmarshals them).</summary>
    public Dictionary<string, AttributeValue> KeyOf(ReadOnlySpan<byte> itemJson)
    {
        var key = new Dictionary<string, AttributeValue>(2);
        var reader = new Utf8JsonReader(itemJson);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals(hashName) ? Table.HashKey.AttributeName
                : rangeName is not null && reader.ValueTextEquals(rangeName) ? Table.RangeKey!.AttributeName
                : null;
            reader.Read();
            if (name is not null && AttributeJson.Read(ref reader) is { } value)
            {
                key[name] = value;
            }
            else
            {
                reader.Skip();
            }
        }

        return key;
    }
}

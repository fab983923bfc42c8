using System;
using System.Collections.Generic;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2.Model.Internal.MarshallTransformations;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace SessionEffects;

/// <summary>
/// TransactGetItems read directly: <c>Responses</c> holds one entry per part, in order (<c>{"Item":{...}}</c>, or
/// <c>{}</c> when the part found nothing), each read by its part's reader; capacity as the SDK reads it. Made per
/// request, as the parts' classes differ.
/// </summary>
internal sealed class DirectTransactGet(IReadOnlyList<IDirectPartReader> parts) : DirectResponseUnmarshaller(TransactGetItemsResponseUnmarshaller.Instance)
{
    /// <inheritdoc/>
    protected override AmazonWebServiceResponse Decode(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response)
    {
        var read = new List<(object?, Dictionary<string, AttributeValue>?)>();
        var range = JsonMember.Read(ref reader, body, "Responses"u8, JsonTokenType.StartArray, (parts, read, response), static (ref r, body, s) =>
        {
            while (r.Read() && r.TokenType == JsonTokenType.StartObject)
            {
                var part = new PartState(s.parts.Count > s.read.Count ? s.parts[s.read.Count] : null, response: s.response);
                JsonMember.Read(ref r, body, "Item"u8, JsonTokenType.StartObject, part, static (ref item, body, p) => p.Read(ref item, body), out _);
                s.read.Add(part.Found);
            }
        }, out _);

        var rest = (TransactGetItemsResponse)ResponseBody.Rest(Sdk, body, range, "[]"u8, response);
        return new DirectTransactGetResponse { Read = read, ConsumedCapacity = rest.ConsumedCapacity };
    }

    /// <inheritdoc/>
    protected override AmazonWebServiceResponse Decode(AmazonWebServiceResponse sdkRead) =>
        new DirectTransactGetResponse { ConsumedCapacity = ((TransactGetItemsResponse)sdkRead).ConsumedCapacity };

    /// <summary>One entry of <c>Responses</c>: its part's reader and what it read (nothing when the part found no item).</summary>
    private sealed class PartState(IDirectPartReader? reader, IWebResponseData response)
    {
        public (object?, Dictionary<string, AttributeValue>?) Found { get; private set; }

        public void Read(ref Utf8JsonReader item, ReadOnlySpan<byte> body)
        {
            if (reader is null || JsonMember.IsEmptyObject(item))
            {
                item.Skip();
                return;
            }

            var value = reader.Read(ref item, body, response, out var stored);
            Found = (value, stored);
        }
    }
}

/// <summary>A part of a class on the SDK's mapping path: its item is the SDK's attribute map of the item's bytes.</summary>
internal sealed class StoredPartReader : IDirectPartReader
{
    public static readonly StoredPartReader Instance = new();

    public object? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response, out Dictionary<string, AttributeValue>? stored)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        stored = ResponseBody.Item(body[start..(int)reader.BytesConsumed], response);
        return null;
    }
}

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
internal sealed class DirectTransactGet(IReadOnlyList<IDirectPartReader> parts) : JsonResponseUnmarshaller
{
    private static readonly JsonResponseUnmarshaller Sdk = TransactGetItemsResponseUnmarshaller.Instance;

    /// <inheritdoc/>
    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, System.Net.HttpStatusCode statusCode) =>
        Sdk.UnmarshallException(input, innerException, statusCode);

    /// <inheritdoc/>
    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        var (buffer, length) = ResponseBody.Read(input.Stream, input.ResponseData.ContentLength);
        try
        {
            var body = buffer.AsSpan(0, length);
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = input.JsonMaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new DirectTransactGetResponse { ConsumedCapacity = ((TransactGetItemsResponse)ResponseBody.Unmarshall(Sdk, body.ToArray(), input.ResponseData)).ConsumedCapacity };
            }

            var read = new List<(object?, Dictionary<string, AttributeValue>?)>();
            Range range = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isResponses = reader.ValueTextEquals("Responses"u8);
                reader.Read();
                if (!isResponses || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    read.Add(Part(ref reader, body, input.ResponseData, read.Count));
                }

                range = start..(int)reader.BytesConsumed;
            }

            var rest = (TransactGetItemsResponse)ResponseBody.Rest(Sdk, body, range, "[]"u8, input.ResponseData);
            return new DirectTransactGetResponse { Read = read, ConsumedCapacity = rest.ConsumedCapacity };
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One entry of <c>Responses</c> (at its start; at its end afterwards).</summary>
    private (object?, Dictionary<string, AttributeValue>?) Part(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response, int position)
    {
        (object?, Dictionary<string, AttributeValue>?) found = (null, null);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isItem = reader.ValueTextEquals("Item"u8);
            reader.Read();
            var peek = reader;
            if (isItem && position < parts.Count && reader.TokenType == JsonTokenType.StartObject && peek.Read() && peek.TokenType != JsonTokenType.EndObject)
            {
                var value = parts[position].Read(ref reader, body, response, out var stored);
                found = (value, stored);
            }
            else
            {
                reader.Skip();
            }
        }

        return found;
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

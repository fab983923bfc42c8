using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2.Model.Internal.MarshallTransformations;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace SessionEffects;

/// <summary>
/// A response unmarshaller of the direct read, put in the SDK's pipeline in place of the operation's own for one
/// request: the body is read once with <see cref="Utf8JsonReader"/>, the items straight into objects, and every other
/// member by the SDK's own unmarshaller (from the body without its items). Error bodies never reach it: the SDK's
/// error handling asks <see cref="UnmarshallException"/>, which is the operation's own, so exceptions, retries and
/// throttling are the SDK's.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal abstract class DirectUnmarshaller<T>(JsonResponseUnmarshaller sdk, DirectItemReader<T> items) : JsonResponseUnmarshaller
    where T : class, new()
{
    /// <summary>The operation's own unmarshaller.</summary>
    protected JsonResponseUnmarshaller Sdk { get; } = sdk;

    /// <summary>The item reader.</summary>
    protected DirectItemReader<T> Items { get; } = items;

    /// <inheritdoc/>
    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode) =>
        Sdk.UnmarshallException(input, innerException, statusCode);

    /// <inheritdoc/>
    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        var (buffer, length) = ResponseBody.Read(input.Stream, input.ResponseData.ContentLength);
        try
        {
            var body = buffer.AsSpan(0, length);
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = input.JsonMaxDepth });
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                ? Decode(ref reader, body, input.ResponseData)
                : Decode(ResponseBody.Unmarshall(Sdk, body.ToArray(), input.ResponseData));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The answer of a body that is a JSON object (the reader at its start).</summary>
    protected abstract AmazonWebServiceResponse Decode(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response);

    /// <summary>The answer of a body that is not a JSON object (empty): what the SDK read of it, without items.</summary>
    protected abstract AmazonWebServiceResponse Decode(AmazonWebServiceResponse sdkRead);

    /// <summary>The items of a JSON array of items (the reader at its start; at its end afterwards).</summary>
    protected List<ReadItem<T>> ReadArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response)
    {
        var list = new List<ReadItem<T>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            list.Add(Items.Read(ref reader, body, response));
        }

        return list;
    }
}

/// <summary>GetItem.</summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class DirectGetItem<T>(DirectItemReader<T> items) : DirectUnmarshaller<T>(GetItemResponseUnmarshaller.Instance, items)
    where T : class, new()
{
    protected override AmazonWebServiceResponse Decode(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response)
    {
        var answer = new DirectGetItemResponse<T>();
        Range item = default;
        var others = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isItem = reader.ValueTextEquals("Item"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var peek = reader;
            if (isItem && reader.TokenType == JsonTokenType.StartObject && peek.Read() && peek.TokenType != JsonTokenType.EndObject)
            {
                answer.Found = Items.Read(ref reader, body, response);
                item = start..(int)reader.BytesConsumed;
            }
            else
            {
                // An empty item is no item, as today's read treats it; every other member is the SDK's.
                others |= !isItem;
                reader.Skip();
            }
        }

        if (others)
        {
            answer.ConsumedCapacity = ((GetItemResponse)ResponseBody.Rest(Sdk, body, item, "{}"u8, response)).ConsumedCapacity;
        }

        return answer;
    }

    protected override AmazonWebServiceResponse Decode(AmazonWebServiceResponse sdkRead) =>
        new DirectGetItemResponse<T> { ConsumedCapacity = ((GetItemResponse)sdkRead).ConsumedCapacity };
}

/// <summary>Query and Scan pages.</summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class DirectPage<T>(DirectItemReader<T> items, bool query)
    : DirectUnmarshaller<T>(query ? QueryResponseUnmarshaller.Instance : ScanResponseUnmarshaller.Instance, items)
    where T : class, new()
{
    protected override AmazonWebServiceResponse Decode(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response)
    {
        List<ReadItem<T>> read = [];
        Range range = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isItems = reader.ValueTextEquals("Items"u8);
            reader.Read();
            if (isItems && reader.TokenType == JsonTokenType.StartArray)
            {
                var start = (int)reader.TokenStartIndex;
                read = ReadArray(ref reader, body, response);
                range = start..(int)reader.BytesConsumed;
            }
            else
            {
                reader.Skip();
            }
        }

        return Typed(ResponseBody.Rest(Sdk, body, range, "[]"u8, response), read);
    }

    protected override AmazonWebServiceResponse Decode(AmazonWebServiceResponse sdkRead) => Typed(sdkRead, []);

    private AmazonWebServiceResponse Typed(AmazonWebServiceResponse rest, List<ReadItem<T>> read)
    {
        if (query)
        {
            var q = (QueryResponse)rest;
            return new DirectQueryResponse<T> { Read = read, Count = q.Count, ScannedCount = q.ScannedCount, LastEvaluatedKey = q.LastEvaluatedKey, ConsumedCapacity = q.ConsumedCapacity };
        }

        var s = (ScanResponse)rest;
        return new DirectScanResponse<T> { Read = read, Count = s.Count, ScannedCount = s.ScannedCount, LastEvaluatedKey = s.LastEvaluatedKey, ConsumedCapacity = s.ConsumedCapacity };
    }
}

/// <summary>BatchGetItem of one table's keys (the library's batch reads ask for one table per request).</summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal sealed class DirectBatchGet<T>(DirectItemReader<T> items) : DirectUnmarshaller<T>(BatchGetItemResponseUnmarshaller.Instance, items)
    where T : class, new()
{
    protected override AmazonWebServiceResponse Decode(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response)
    {
        var read = new List<(string, ReadItem<T>)>();
        Range range = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResponses = reader.ValueTextEquals("Responses"u8);
            reader.Read();
            if (!isResponses || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // The requests this reads carry one table (under whatever name the session gives it): every array is its items.
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var itemStart = (int)reader.TokenStartIndex;
                    var item = Items.Read(ref reader, body, response);
                    var key = item.Stored ?? Items.KeyOf(body[itemStart..(int)reader.BytesConsumed]);
                    read.Add((KeyIdentity.Of(Items.Table, key), item));
                }
            }

            range = start..(int)reader.BytesConsumed;
        }

        var rest = (BatchGetItemResponse)ResponseBody.Rest(Sdk, body, range, "{}"u8, response);
        return new DirectBatchGetResponse<T> { Read = read, UnprocessedKeys = rest.UnprocessedKeys, ConsumedCapacity = rest.ConsumedCapacity };
    }

    protected override AmazonWebServiceResponse Decode(AmazonWebServiceResponse sdkRead)
    {
        var rest = (BatchGetItemResponse)sdkRead;
        return new DirectBatchGetResponse<T> { UnprocessedKeys = rest.UnprocessedKeys, ConsumedCapacity = rest.ConsumedCapacity };
    }
}

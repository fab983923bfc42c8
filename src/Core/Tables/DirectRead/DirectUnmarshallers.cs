using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2.Model.Internal.MarshallTransformations;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace SessionEffects;

/// <summary>A direct read's unmarshaller for the items of one table class (<see cref="DirectResponseUnmarshaller"/>).</summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal abstract class DirectUnmarshaller<T>(JsonResponseUnmarshaller sdk, DirectItemReader<T> items) : DirectResponseUnmarshaller(sdk)
    where T : class, new()
{
    /// <summary>The item reader.</summary>
    protected DirectItemReader<T> Items { get; } = items;

    /// <summary>Adds the items of a JSON array of items (the reader at its start; at its end afterwards) to <paramref name="list"/>.</summary>
    protected void ReadArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response, List<ReadItem<T>> list)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            list.Add(Items.Read(ref reader, body, response));
        }
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
        var item = JsonMember.Read(ref reader, body, "Item"u8, JsonTokenType.StartObject, (Items, answer, response), static (ref r, body, s) =>
        {
            if (JsonMember.IsEmptyObject(r))
            {
                r.Skip(); // an empty item is no item, as today's read treats it
            }
            else
            {
                s.answer.Found = s.Items.Read(ref r, body, s.response);
            }
        }, out var others);

        // Only capacity is left to the SDK, and only when there is a member besides the item.
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
        var read = new List<ReadItem<T>>();
        var range = JsonMember.Read(ref reader, body, "Items"u8, JsonTokenType.StartArray, (this, read, response), static (ref r, body, s) =>
            s.Item1.ReadArray(ref r, body, s.response, s.read), out _);
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
        var range = JsonMember.Read(ref reader, body, "Responses"u8, JsonTokenType.StartObject, (Items, read, response), static (ref r, body, s) =>
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                // The requests this reads carry one table (under whatever name the session gives it): every array is its items.
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray)
                {
                    r.Skip();
                    continue;
                }

                while (r.Read() && r.TokenType == JsonTokenType.StartObject)
                {
                    var itemStart = (int)r.TokenStartIndex;
                    var item = s.Items.Read(ref r, body, s.response);
                    var key = item.Stored ?? s.Items.KeyOf(body[itemStart..(int)r.BytesConsumed]);
                    s.read.Add((KeyIdentity.Of(s.Items.Table, key), item));
                }
            }
        }, out _);

        var rest = (BatchGetItemResponse)ResponseBody.Rest(Sdk, body, range, "{}"u8, response);
        return new DirectBatchGetResponse<T> { Read = read, UnprocessedKeys = rest.UnprocessedKeys, ConsumedCapacity = rest.ConsumedCapacity };
    }

    protected override AmazonWebServiceResponse Decode(AmazonWebServiceResponse sdkRead)
    {
        var rest = (BatchGetItemResponse)sdkRead;
        return new DirectBatchGetResponse<T> { UnprocessedKeys = rest.UnprocessedKeys, ConsumedCapacity = rest.ConsumedCapacity };
    }
}

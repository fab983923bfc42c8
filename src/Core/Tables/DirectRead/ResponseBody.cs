using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2.Model.Internal.MarshallTransformations;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace SessionEffects;

/// <summary>
/// A response body read once into a pooled buffer (through the SDK's stream, so its CRC32 check sees every byte), and
/// the parts of it the SDK's own unmarshallers still read: an item the direct read leaves to them, and the members
/// that are not items (capacity, counts, <c>LastEvaluatedKey</c>, <c>UnprocessedKeys</c>).
/// </summary>
internal static class ResponseBody
{
    /// <summary>The whole body, in a buffer rented from the shared pool (return it); its length.</summary>
    public static (byte[] Buffer, int Length) Read(Stream stream, long contentLength)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(contentLength is > 0 and < int.MaxValue - 1 ? (int)contentLength + 1 : 16 * 1024);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }

    /// <summary>The attribute map the SDK's unmarshaller makes of one item's JSON (exactly what today's read maps).</summary>
    public static Dictionary<string, AttributeValue> Item(ReadOnlySpan<byte> itemJson, IWebResponseData response)
    {
        ReadOnlySpan<byte> open = "{\"Item\":"u8;
        var body = new byte[open.Length + itemJson.Length + 1];
        open.CopyTo(body);
        itemJson.CopyTo(body.AsSpan(open.Length));
        body[^1] = (byte)'}';
        return ((GetItemResponse)Unmarshall(GetItemResponseUnmarshaller.Instance, body, response)).Item ?? [];
    }

    /// <summary>
    /// The response the SDK's unmarshaller makes of <paramref name="body"/> with the bytes of <paramref name="items"/>
    /// replaced by <paramref name="empty"/> (all of it when the range is empty): every member but the items, read as today.
    /// </summary>
    public static AmazonWebServiceResponse Rest(JsonResponseUnmarshaller sdk, ReadOnlySpan<byte> body, Range items, ReadOnlySpan<byte> empty, IWebResponseData response)
    {
        var (start, length) = items.GetOffsetAndLength(body.Length);
        if (length == 0)
        {
            return Unmarshall(sdk, body.ToArray(), response); // no items member: the whole body is the rest
        }

        var rest = new byte[body.Length - length + empty.Length];
        body[..start].CopyTo(rest);
        empty.CopyTo(rest.AsSpan(start));
        body[(start + length)..].CopyTo(rest.AsSpan(start + empty.Length));
        return Unmarshall(sdk, rest, response);
    }

    /// <summary>The SDK's reading of a whole body.</summary>
    public static AmazonWebServiceResponse Unmarshall(JsonResponseUnmarshaller sdk, byte[] body, IWebResponseData response)
    {
        using var stream = new MemoryStream(body, writable: false);
        using var context = new JsonUnmarshallerContext(stream, false, response, false, null);
        return sdk.Unmarshall(context);
    }
}

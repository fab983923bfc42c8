using System;
using System.Buffers;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace SessionEffects;

/// <summary>
/// A response unmarshaller of the direct read, put in the SDK's pipeline in place of the operation's own for one
/// request: the body is read once into a pooled buffer (through the SDK's stream, so its CRC32 check sees every byte)
/// and decoded with <see cref="Utf8JsonReader"/>, the items straight into objects, and every other member by the SDK's
/// own unmarshaller (from the body without its items). Error bodies never reach it: the SDK's error handling asks
/// <see cref="UnmarshallException"/>, which is the operation's own, so exceptions, retries and throttling are the SDK's.
/// </summary>
internal abstract class DirectResponseUnmarshaller(JsonResponseUnmarshaller sdk) : JsonResponseUnmarshaller
{
    /// <summary>The operation's own unmarshaller.</summary>
    protected JsonResponseUnmarshaller Sdk { get; } = sdk;

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
}

using System;
using System.Collections.Generic;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime.Internal.Transform;

namespace SessionEffects;

/// <summary>
/// The direct read of one table class without its type: what a transaction's parts, each of its own class, read
/// their items with.
/// </summary>
internal interface IDirectPartReader
{
    /// <summary>
    /// The item at <paramref name="reader"/> (at its start; at its end afterwards): the object read directly, or null
    /// and, in <paramref name="stored"/>, the SDK's attribute map of it for the part's mapping to map.
    /// </summary>
    object? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, IWebResponseData response, out Dictionary<string, AttributeValue>? stored);
}

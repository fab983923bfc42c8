using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Page tokens: DynamoDB's <c>LastEvaluatedKey</c> as a URL-safe string, bound to the read it came from — table,
/// index, operation and segment — and to what the session that read it reaches (<see cref="AwsSession.ReachesSameAs"/>:
/// credentials identity, region, endpoint; carried as a 12-character tag of its fingerprint). A token from another
/// read or another session (another tenant's), or one that was changed, fails before anything is sent.
/// </summary>
/// <remarks>
/// Two forms. <b>Plain</b> (no <see cref="PageTokenKeys"/>): base64url of a small JSON document and a checksum
/// (SHA-256 over the document, truncated to 12 bytes) that detects edits and mix-ups; it is not a secret signature, and
/// the document shows the key of the last item read to whoever decodes it. <b>Protected</b> (the read has
/// <see cref="PageTokenKeys"/>): the same document encrypted and authenticated (<see cref="PageTokenSeal"/>): it shows no
/// key value, and a token made or changed without the key is refused. A read with keys takes protected tokens only.
/// Tokens do not expire and work across processes and machines that build the same session (and hold the same keys).
/// </remarks>
internal static class PageToken
{
    private const int ChecksumLength = 12;
    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("SessionEffects.PageToken.v1\n");

    /// <summary>The token for the page after <paramref name="lastKey"/> as read by the session tagged <paramref name="sessionTag"/>; null when there is none.</summary>
    public static string? Encode(ReadSpec spec, string sessionTag, Dictionary<string, AttributeValue>? lastKey)
    {
        if (lastKey is not { Count: > 0 })
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("s", BoundTo(spec));
            json.WriteString("a", sessionTag);
            json.WriteStartObject("k");
            foreach (var (name, value) in lastKey)
            {
                json.WriteStartObject(name);
                if (value.S is not null)
                {
                    json.WriteString("S", value.S);
                }
                else if (value.N is not null)
                {
                    json.WriteString("N", value.N);
                }
                else if (value.B is not null)
                {
                    json.WriteBase64String("B", value.B.ToArray());
                }
                else
                {
                    throw new InvalidOperationException($"{spec.Operation} of table {spec.Table.Name} returned a last evaluated key '{name}' that is not a string, number or binary.");
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        var document = buffer.ToArray();
        if (spec.TokenKeys is { } keys)
        {
            return Base64Url.EncodeToString(PageTokenSeal.Seal(keys, document));
        }

        var token = new byte[document.Length + ChecksumLength];
        document.CopyTo(token, 0);
        Checksum(document).CopyTo(token.AsSpan(document.Length));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The start key a token stands for, checked against the read and the session (tagged <paramref name="sessionTag"/>) it is used with.</summary>
    /// <exception cref="ArgumentException">The token is malformed, was changed, or belongs to another read or session.</exception>
    public static Dictionary<string, AttributeValue> Decode(ReadSpec spec, string sessionTag, string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException ex)
        {
            throw Invalid(spec, "it is not a page token (not URL-safe base64)", ex);
        }

        if (bytes.Length <= ChecksumLength)
        {
            throw Invalid(spec, "it is too short to be a page token", null);
        }

        byte[] document;
        if (bytes[0] == PageTokenSeal.Version)
        {
            document = spec.TokenKeys is { } keys
                ? PageTokenSeal.Open(keys, bytes, out var why) is var opened && why is null ? opened : throw Invalid(spec, why!, null)
                : throw Invalid(spec, "it is a protected token, and this read has no PageTokenKeys to open it", null);
        }
        else if (spec.TokenKeys is not null)
        {
            throw Invalid(spec, "this read's tokens are protected by its PageTokenKeys, and this one is plain (anyone could have made it)", null);
        }
        else if (!CryptographicOperations.FixedTimeEquals(Checksum(bytes.AsSpan(0, bytes.Length - ChecksumLength)), bytes.AsSpan(bytes.Length - ChecksumLength)))
        {
            throw Invalid(spec, "its checksum does not match (it was changed or cut)", null);
        }
        else
        {
            document = bytes[..^ChecksumLength];
        }

        try
        {
            using var json = JsonDocument.Parse(document);
            var scope = json.RootElement.GetProperty("s").GetString();
            if (scope != BoundTo(spec))
            {
                throw Invalid(spec, $"it was issued for another read ({scope}), not this one ({BoundTo(spec)})", null);
            }

            if (!json.RootElement.TryGetProperty("a", out var issuedUnder) || issuedUnder.GetString() != sessionTag)
            {
                throw Invalid(spec, "it was issued under another session (another account, tenant, region or endpoint) than the one this read resolves to", null);
            }

            var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            foreach (var attribute in json.RootElement.GetProperty("k").EnumerateObject())
            {
                var typed = attribute.Value.EnumerateObject().GetEnumerator();
                typed.MoveNext();
                key[attribute.Name] = typed.Current.Name switch
                {
                    "S" => new AttributeValue { S = typed.Current.Value.GetString() },
                    "N" => new AttributeValue { N = typed.Current.Value.GetString() },
                    "B" => new AttributeValue { B = new MemoryStream(typed.Current.Value.GetBytesFromBase64()) },
                    var other => throw Invalid(spec, $"it holds a key of unknown type {other}", null),
                };
            }

            return key;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Invalid(spec, "its content is not a page token's", ex);
        }
    }

    /// <summary>What a token is bound to: operation, table, index and segment.</summary>
    private static string BoundTo(ReadSpec spec) =>
        $"{spec.Operation}:{spec.TableName ?? spec.Table.Name}:{spec.IndexName}:{(spec.Segment is { } s ? $"{s}/{spec.TotalSegments}" : "-")}";

    private static byte[] Checksum(ReadOnlySpan<byte> document)
    {
        var input = new byte[Domain.Length + document.Length];
        Domain.CopyTo(input, 0);
        document.CopyTo(input.AsSpan(Domain.Length));
        return SHA256.HashData(input)[..ChecksumLength];
    }

    private static ArgumentException Invalid(ReadSpec spec, string why, Exception? inner) =>
        new($"The start token cannot be used for this {spec.Operation.ToUpperInvariant()} of table {spec.Table.Name}{(spec.IndexName is null ? string.Empty : $" (index {spec.IndexName})")}: {why}. Use the NextToken of a page of this same read, unchanged.", "StartToken", inner);
}

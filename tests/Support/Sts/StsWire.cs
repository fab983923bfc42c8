using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace SessionEffects.TestSupport;

/// <summary>
/// The request-parsing layer of <see cref="LocalStsEndpoint"/>: reads an STS Query-protocol request (a GET query
/// string or a POST form, as real STS accepts; the SDK posts a form) and the caller's access key id and region from
/// its SigV4 credential scope. Signatures are not checked.
/// </summary>
internal static class StsWire
{
    /// <summary>Reads and decodes one request.</summary>
    public static async Task<StsRequest> ReadAsync(HttpListenerRequest request, DateTime receivedAt)
    {
        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        ParseForm(request.Url?.Query.TrimStart('?') ?? string.Empty, parameters);
        ParseForm(body, parameters);

        var (accessKeyId, region) = ParseCredentialScope(request.Headers["Authorization"])
            ?? ParseCredentialScope(parameters.GetValueOrDefault("X-Amz-Credential"), queryForm: true)
            ?? (null, null);
        return new StsRequest(parameters.GetValueOrDefault("Action") ?? string.Empty, accessKeyId, region, new ReadOnlyDictionary<string, string>(parameters))
        {
            ReceivedAt = receivedAt,
        };
    }

    private static async Task<string> ReadBodyAsync(HttpListenerRequest request)
    {
        if (!request.HasEntityBody)
        {
            return string.Empty;
        }

        // The Query protocol body is percent-encoded ASCII, so the charset parameter does not matter for decoding.
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    /// <summary>Reads the access key id and region from a SigV4 credential scope <c>AKID/date/region/service/aws4_request</c>.</summary>
    private static (string? AccessKeyId, string? Region)? ParseCredentialScope(string? value, bool queryForm = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var scope = value;
        if (!queryForm)
        {
            // Header form: "AWS4-HMAC-SHA256 Credential=<scope>, SignedHeaders=..., Signature=...".
            const string marker = "Credential=";
            var start = value.IndexOf(marker, StringComparison.Ordinal);
            if (start < 0)
            {
                return null;
            }

            start += marker.Length;
            var end = value.IndexOfAny([',', ' '], start);
            scope = end < 0 ? value[start..] : value[start..end];
        }

        var parts = scope.Split('/');
        if (parts[0].Length == 0)
        {
            return null;
        }

        return (parts[0], parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null);
    }

    private static void ParseForm(string form, Dictionary<string, string> into)
    {
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : pair[(eq + 1)..];

            // application/x-www-form-urlencoded: '+' is a space, everything else is percent-encoded UTF-8.
            into[Decode(name)] = Decode(value);
        }

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }
}

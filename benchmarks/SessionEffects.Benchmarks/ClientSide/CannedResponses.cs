using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>
/// The response bodies of the client-side suite. Recorded from DynamoDB Local by <c>--record-canned</c> and committed
/// under <c>benchmarks/SessionEffects.Benchmarks/Canned/</c>: GetItem, Query of 10/100/1,000 items, a Scan page of 100,
/// PutItem, UpdateItem (what DynamoDBContext.SaveAsync sends) and BatchWriteItem. Answers that depend on the request —
/// BatchGetItem of any keys, Scan segments of a 100,000-item table — are generated deterministically from the recorded
/// items (<see cref="BatchGet"/>, <see cref="Segments"/>).
/// </summary>
internal static class CannedResponses
{
    /// <summary>The customer whose 1,000 orders the Query-1000 recording holds (keys 0..999).</summary>
    public const string BigCustomer = "q1000";

    private static readonly Lazy<string[]> Items = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(PathOf("Query-1000")));
        return [.. doc.RootElement.GetProperty("Items").EnumerateArray().Select(i => i.GetRawText())];
    });

    /// <summary>The folder of the committed recordings, next to the built program.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Canned");

    /// <summary>A recorded body by name (<c>GetItem</c>, <c>Query-100</c>...).</summary>
    public static CannedBody Recorded(string name) => new(File.ReadAllBytes(PathOf(name)));

    /// <summary>
    /// BatchGetItem answered from the recorded orders of <see cref="BigCustomer"/>: every key asked for (by its
    /// <c>seq</c>) is in <c>Responses</c>, none unprocessed — whatever the order or the chunking of the request.
    /// </summary>
    public static CannedBody BatchGet(byte[] request)
    {
        var items = Items.Value;
        var body = new StringBuilder("{\"Responses\":{\"bench_orders\":[");
        var first = true;
        var reader = new Utf8JsonReader(request);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("seq"u8))
            {
                reader.Read(); // {
                reader.Read(); // "N"
                reader.Read(); // the number as text
                var seq = int.Parse(reader.GetString()!, CultureInfo.InvariantCulture);
                body.Append(first ? string.Empty : ",").Append(items[seq]);
                first = false;
            }
        }

        return CannedBody.Of(body.Append("]},\"UnprocessedKeys\":{}}").ToString());
    }

    /// <summary>
    /// Scans of a table of <paramref name="total"/> items (the 1,000 recorded orders, repeated) in any number of
    /// segments: item i belongs to segment i mod TotalSegments; a page holds <c>Limit</c> items (or about 1 MB, as
    /// DynamoDB) and its <c>LastEvaluatedKey</c> carries the position, which the next request hands back.
    /// </summary>
    public static Func<byte[], CannedBody> Segments(int total)
    {
        var items = Items.Value.Select(Encoding.UTF8.GetBytes).ToArray();
        var perMegabyte = (1 << 20) / (int)items.Average(i => i.Length + 1);
        return request =>
        {
            var (segment, segments, limit, start) = ScanRequest(request);
            var page = new List<byte[]>();
            var i = start < 0 ? segment : start + segments;
            var last = -1;
            for (; i < total && page.Count < (limit ?? perMegabyte); i += segments)
            {
                page.Add(items[i % items.Length]);
                last = i;
            }

            var more = i < total;
            var body = new MemoryStream(page.Sum(p => p.Length + 1) + 200);
            body.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"Count\":{page.Count},\"Items\":[")));
            for (var k = 0; k < page.Count; k++)
            {
                if (k > 0)
                {
                    body.WriteByte((byte)',');
                }

                body.Write(page[k]);
            }

            body.Write(Encoding.UTF8.GetBytes(more
                ? string.Create(CultureInfo.InvariantCulture, $"],\"LastEvaluatedKey\":{{\"customer\":{{\"S\":\"position\"}},\"seq\":{{\"N\":\"{last}\"}}}},\"ScannedCount\":{page.Count}}}")
                : string.Create(CultureInfo.InvariantCulture, $"],\"ScannedCount\":{page.Count}}}")));
            return new CannedBody(body.ToArray());
        };
    }

    private static (int Segment, int Segments, int? Limit, int Start) ScanRequest(byte[] request)
    {
        int segment = 0, segments = 1, start = -1;
        int? limit = null;
        var reader = new Utf8JsonReader(request);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("Segment"u8) && reader.Read())
            {
                segment = reader.GetInt32();
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("TotalSegments"u8) && reader.Read())
            {
                segments = reader.GetInt32();
            }
            else if (reader.CurrentDepth == 1 && reader.ValueTextEquals("Limit"u8) && reader.Read())
            {
                limit = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                reader.Read();
                reader.Read();
                start = int.Parse(reader.GetString()!, CultureInfo.InvariantCulture);
            }
        }

        return (segment, segments, limit, start);
    }

    private static string PathOf(string name)
    {
        var path = Path.Combine(Folder, name + ".json");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Canned response {name} is missing; record them with --record-canned.", path);
    }
}

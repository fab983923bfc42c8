using System.Collections.Generic;
using System.Linq;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// An item's size as DynamoDB bills writes: attribute names and values in bytes (UTF-8 strings, binary lengths, about
/// one byte per two digits of a number, small overheads for collections), rounded up to write capacity units of 1 KB.
/// An estimate close to DynamoDB's published rules, used to pace a copy by write units.
/// </summary>
internal static class ItemSize
{
    /// <summary>Write capacity units one put of <paramref name="item"/> consumes.</summary>
    public static int WriteUnits(IReadOnlyDictionary<string, AttributeValue> item) => (int)((Bytes(item) + 1023) / 1024);

    /// <summary>The item's size in bytes.</summary>
    public static long Bytes(IReadOnlyDictionary<string, AttributeValue> item) =>
        item.Sum(kv => Encoding.UTF8.GetByteCount(kv.Key) + Value(kv.Value));

    private static long Value(AttributeValue v) =>
        v.S is not null ? Encoding.UTF8.GetByteCount(v.S)
        : v.N is not null ? (v.N.Length / 2) + 1
        : v.B is not null ? v.B.Length
        : v.SS is { Count: > 0 } ss ? ss.Sum(s => (long)Encoding.UTF8.GetByteCount(s))
        : v.NS is { Count: > 0 } ns ? ns.Sum(n => (long)(n.Length / 2) + 1)
        : v.BS is { Count: > 0 } bs ? bs.Sum(b => b.Length)
        : v.L is { Count: > 0 } l ? 3 + l.Sum(e => 1 + Value(e))
        : v.M is { Count: > 0 } m ? 3 + m.Sum(kv => 1 + Encoding.UTF8.GetByteCount(kv.Key) + Value(kv.Value))
        : 1;
}

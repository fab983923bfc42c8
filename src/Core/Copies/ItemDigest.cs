using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A 128-bit digest of a whole item, equal for items DynamoDB considers equal: attributes in name order, numbers by
/// value, sets as sets (order ignored), lists in order, maps by key. Verification compares items by it.
/// </summary>
internal static class ItemDigest
{
    /// <summary>The digest of <paramref name="item"/>.</summary>
    public static UInt128 Of(IReadOnlyDictionary<string, AttributeValue> item)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        WriteMap(hash, item);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    /// <summary>A 128-bit hash of a key identity (see <see cref="KeyIdentity"/>), to keep memory small per item.</summary>
    public static UInt128 OfText(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    private static void WriteMap(IncrementalHash hash, IReadOnlyDictionary<string, AttributeValue> map)
    {
        Tag(hash, 'M', map.Count);
        foreach (var (name, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Text(hash, name);
            WriteValue(hash, value);
        }
    }

    private static void WriteValue(IncrementalHash hash, AttributeValue v)
    {
        if (v.S is not null)
        {
            Tag(hash, 'S', 0);
            Text(hash, v.S);
        }
        else if (v.N is not null)
        {
            Tag(hash, 'N', 0);
            Text(hash, Number(v.N));
        }
        else if (v.B is not null)
        {
            Tag(hash, 'B', 0);
            Bytes(hash, v.B);
        }
        else if (v.BOOL is { } b)
        {
            Tag(hash, b ? 'T' : 'F', 0);
        }
        else if (v.NULL == true)
        {
            Tag(hash, '0', 0);
        }
        else if (v.SS is { Count: > 0 } ss)
        {
            Set(hash, 's', ss);
        }
        else if (v.NS is { Count: > 0 } ns)
        {
            Set(hash, 'n', ns.Select(Number));
        }
        else if (v.BS is { Count: > 0 } bs)
        {
            Set(hash, 'b', bs.Select(s => Convert.ToBase64String(s.ToArray())));
        }
        else if (v.L is { } list && (v.IsLSet || list.Count > 0))
        {
            Tag(hash, 'L', list.Count);
            foreach (var element in list)
            {
                WriteValue(hash, element);
            }
        }
        else if (v.M is { } map && (v.IsMSet || map.Count > 0))
        {
            WriteMap(hash, map);
        }
        else
        {
            Tag(hash, '?', 0);
        }
    }

    private static void Set(IncrementalHash hash, char kind, IEnumerable<string> elements)
    {
        var sorted = elements.Order(StringComparer.Ordinal).ToList();
        Tag(hash, kind, sorted.Count);
        sorted.ForEach(e => Text(hash, e));
    }

    private static string Number(string n) => NumberText.Canonical(n);

    private static void Tag(IncrementalHash hash, char kind, int count)
    {
        Span<byte> tag = stackalloc byte[5];
        tag[0] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(tag[1..], count);
        hash.AppendData(tag);
    }

    private static void Text(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Tag(hash, 't', bytes.Length);
        hash.AppendData(bytes);
    }

    private static void Bytes(IncrementalHash hash, MemoryStream stream)
    {
        var bytes = stream.ToArray();
        Tag(hash, 'y', bytes.Length);
        hash.AppendData(bytes);
    }
}

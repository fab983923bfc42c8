using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// Compares a source table with its copy item by item: the source is read through parallel segments into a map from
/// key to a digest of every attribute (32 bytes and the map's overhead per item), then the target is read and matched
/// against it. Keys that differ are reported in the first few of each kind, all are counted; a caller that repairs
/// (a mirror's reconcile) is also handed the key attributes of every one of them.
/// </summary>
internal static class CopyVerifier
{
    public static Task<VerifyResult> Run(DynamoTable table, AwsSession source, AwsSession target, VerifyOptions options, CancellationToken ct) =>
        Run(table, source, target, options, null, ct);

    /// <summary><see cref="Run(DynamoTable, AwsSession, AwsSession, VerifyOptions, CancellationToken)"/>, handing <paramref name="differing"/> the key of every item that differs.</summary>
    public static async Task<VerifyResult> Run(
        DynamoTable table, AwsSession source, AwsSession target, VerifyOptions options, Action<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>>? differing, CancellationToken ct)
    {
        var max = options.MaxReported >= 0 ? options.MaxReported : throw new ArgumentOutOfRangeException(nameof(options), options.MaxReported, "MaxReported cannot be negative.");
        // Each side reads the table as its session names it (orders in production against dev-orders in dev).
        var sourceRead = ReadSpec.ForScan(table, new ScanOptions { Segments = options.Segments, Filter = options.Filter }).In(PhysicalTable.In(source, table).Name);
        var targetRead = ReadSpec.ForScan(table, new ScanOptions { Segments = options.Segments }).In(PhysicalTable.In(target, table).Name);

        var digests = new Dictionary<UInt128, UInt128>();
        long sourceItems = 0;
        await foreach (var item in Reader.Items(sourceRead, source, ct).ConfigureAwait(false))
        {
            digests[ItemDigest.OfText(KeyIdentity.Of(table, item))] = ItemDigest.Of(item);
            sourceItems++;
        }

        long targetItems = 0, extraCount = 0, differentCount = 0;
        List<string> extra = [], different = [], missing = [];
        await foreach (var item in Reader.Items(targetRead, target, ct).ConfigureAwait(false))
        {
            targetItems++;
            if (!digests.Remove(ItemDigest.OfText(KeyIdentity.Of(table, item)), out var expected))
            {
                extraCount++;
                Keep(extra, KeyIdentity.Describe(table, item), max);
                differing?.Invoke(KeyOf(table, item));
            }
            else if (expected != ItemDigest.Of(item))
            {
                differentCount++;
                Keep(different, KeyIdentity.Describe(table, item), max);
                differing?.Invoke(KeyOf(table, item));
            }
        }

        if (digests.Count > 0 && (max > 0 || differing is not null))
        {
            // Only hashes of the missing keys are left: read the source again to name the first few (or, for a repair, all).
            await foreach (var item in Reader.Items(sourceRead, source, ct).ConfigureAwait(false))
            {
                if (!digests.ContainsKey(ItemDigest.OfText(KeyIdentity.Of(table, item))))
                {
                    continue;
                }

                differing?.Invoke(KeyOf(table, item));
                if (!Keep(missing, KeyIdentity.Describe(table, item), max) && differing is null)
                {
                    break;
                }
            }
        }

        return new VerifyResult(sourceItems, targetItems, digests.Count, extraCount, differentCount, missing, extra, different);
    }

    /// <summary>The key attributes of <paramref name="item"/>.</summary>
    private static Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> KeyOf(DynamoTable table, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item)
    {
        var key = new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>(StringComparer.Ordinal) { [table.HashKey.AttributeName] = item[table.HashKey.AttributeName] };
        if (table.RangeKey is { } range)
        {
            key[range.AttributeName] = item[range.AttributeName];
        }

        return key;
    }

    /// <summary>Adds the key while there is room; returns whether there is room for more.</summary>
    private static bool Keep(List<string> keys, string key, int max)
    {
        if (keys.Count < max)
        {
            keys.Add(key);
        }

        return keys.Count < max;
    }
}

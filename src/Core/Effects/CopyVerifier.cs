using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// Compares a source table with its copy item by item: the source is read through parallel segments into a map from
/// key to a digest of every attribute (32 bytes and the map's overhead per item), then the target is read and matched
/// against it. Keys that differ are reported in the first few of each kind, all are counted.
/// </summary>
internal static class CopyVerifier
{
    public static async Task<VerifyResult> Run(DynamoTable table, AwsSession source, AwsSession target, VerifyOptions options, CancellationToken ct)
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
            }
            else if (expected != ItemDigest.Of(item))
            {
                differentCount++;
                Keep(different, KeyIdentity.Describe(table, item), max);
            }
        }

        if (digests.Count > 0 && max > 0)
        {
            // Only hashes of the missing keys are left: read the source again to name the first few.
            await foreach (var item in Reader.Items(sourceRead, source, ct).ConfigureAwait(false))
            {
                if (digests.ContainsKey(ItemDigest.OfText(KeyIdentity.Of(table, item))) && !Keep(missing, KeyIdentity.Describe(table, item), max))
                {
                    break;
                }
            }
        }

        return new VerifyResult(sourceItems, targetItems, digests.Count, extraCount, differentCount, missing, extra, different);
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

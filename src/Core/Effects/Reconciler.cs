using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// Makes a mirror's secondary equal its primary, the primary being the truth: each pass compares the whole table as
/// <see cref="CopyVerifier"/> does and repairs every key that differs and every key the mirror owes (re-read from the
/// primary, then written or deleted on the secondary, under the key's stripe), until a pass finds no difference and no
/// key is owed.
/// </summary>
internal static class Reconciler
{
    public static async Task<ReconcileResult> Run(DynamoTable table, SessionMirror mirror, ReconcileOptions options, CancellationToken ct)
    {
        if (options.Segments < 1 || options.MaxPasses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ReconcileOptions.Segments and MaxPasses must be at least 1.");
        }

        long repaired = 0;
        var verify = new VerifyOptions { Segments = options.Segments, MaxReported = 20 };
        for (var pass = 1; ; pass++)
        {
            var differing = new List<MirrorKey>();
            // Keys are named as the primary names the table (each side reads it by its own naming).
            var name = PhysicalTable.In(mirror.Primary, table).Name;

            // Keys other processes (or this one before a restart) recorded in the dirty-key table are owed too.
            await mirror.Dirty.LoadTableAsync(ct).ConfigureAwait(false);
            var owed = mirror.Dirty.Snapshot().Where(k => string.Equals(k.TableName, name, StringComparison.Ordinal)).ToList();
            var result = await CopyVerifier.Run(table, mirror.Primary, mirror.Secondary, verify, key => differing.Add(new MirrorKey(name, key)), ct).ConfigureAwait(false);
            options.Progress?.Report(new ReconcileResult(pass, repaired, result));
            if (result.IsIdentical && owed.Count == 0)
            {
                mirror.Dirty.ClearOverflow();
                await mirror.Dirty.FlushAsync(ct).ConfigureAwait(false);
                return new ReconcileResult(pass, repaired, result);
            }

            if (pass == options.MaxPasses)
            {
                await mirror.Dirty.FlushAsync(ct).ConfigureAwait(false);
                return new ReconcileResult(pass, repaired, result);
            }

            var keys = new HashSet<MirrorKey>(differing);
            keys.UnionWith(owed);
            repaired += await MirrorReplica.RepairAsync(mirror, [.. keys], ct).ConfigureAwait(false);
        }
    }
}

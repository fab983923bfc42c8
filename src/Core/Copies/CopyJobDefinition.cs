using System;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SessionEffects;

/// <summary>
/// What a copy job is, as its lease table stores it: the source and target tables (their physical names), the key
/// schema, the segment count and the digest of the options every worker must share.
/// </summary>
/// <param name="JobName">The job's name.</param>
/// <param name="SourceName">The source table's physical name.</param>
/// <param name="TargetName">The target table's physical name.</param>
/// <param name="KeySchema">The key schema (<c>hash id:S, range seq:N</c>).</param>
/// <param name="Segments">The job's segment count.</param>
/// <param name="Digest">SHA-256 of everything above and the copy options that change what is copied or how fast.</param>
public sealed record CopyJobDefinition(string JobName, string SourceName, string TargetName, string KeySchema, int Segments, string Digest)
{
    /// <summary>
    /// The definition of a job with these tables and options. The digest covers the tables, key schema, segment count,
    /// the filter as sent (<paramref name="filter"/>), page size, rate limits, target creation and whether a lease history is kept; not the progress
    /// callbacks, the worker id, the concurrency or the lease timing, which may differ between workers.
    /// </summary>
    internal static CopyJobDefinition Of(string jobName, string sourceName, string targetName, string keySchema, CopyJobOptions options, string filter)
    {
        var copy = options.Copy;
        var canonical = string.Join(
            '\n',
            "SessionEffects.CopyJob.v1",
            sourceName,
            targetName,
            keySchema,
            options.Segments.ToString(CultureInfo.InvariantCulture),
            copy.PageSize.ToString(CultureInfo.InvariantCulture),
            copy.ItemsPerSecond?.ToString("R", CultureInfo.InvariantCulture) ?? "-",
            copy.WriteUnitsPerSecond?.ToString("R", CultureInfo.InvariantCulture) ?? "-",
            copy.CreateTable ? "create" : "existing",
            filter);
        if (options.RecordLeaseHistory)
        {
            // Only when on, so the digests of jobs without a history stay what they were.
            canonical += "\nlease-history";
        }

        var digest = "sha256:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new CopyJobDefinition(jobName, sourceName, targetName, keySchema, options.Segments, digest);
    }

    /// <summary>When the first worker stored the definition (its clock); null for a job stored before this was recorded.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The job, its tables and its segment count.</summary>
    public override string ToString() => $"copy job {JobName}: {SourceName} into {TargetName}, {Segments} segment(s)";
}

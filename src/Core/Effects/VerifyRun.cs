using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A worker of a verify job: the copy worker's claims, renewals, takeovers and checkpoints, with pages compared
/// instead of written. Segment s below half the job's segments scans source segment s and looks every page's keys
/// up in the target (BatchGetItem): absent is missing, a different digest of every attribute is different. The other
/// half scans the target and looks its keys up in the source: absent is extra. Each page's counts are added to the
/// segment's tally and stored with its checkpoint in one conditional write, so a page read again after a takeover is
/// counted once. Memory is a page per slot, not a map of the table (as <see cref="CopyVerifier"/> keeps).
/// </summary>
internal sealed class VerifyRun(
    string worker, CopyJobDefinition job, ReadSpec sourceScan, ReadSpec targetScan, PhysicalTable from, PhysicalTable into, AwsSession source, AwsSession target, LeaseTable lease, CopyJobOptions options, int maxReported, TimeProvider time)
    : WorkerRun(worker, job, sourceScan, source, into, target, lease, options, time)
{
    /// <summary>The first half of the job's segments scans the source, the second the target.</summary>
    protected override async Task Pages(SegmentCopy segment, CancellationToken ct)
    {
        var held = segment.Hold.Lease;
        var sides = Job.Segments / 2;
        var ofSource = held.Segment < sides;
        var spec = (ofSource ? Scan : targetScan).ForSegment(held.Segment % sides, sides);
        var (read, lookup, place) = ofSource ? (Source, Target, Into) : (Target, Source, from);
        var start = held.Checkpoint is { } checkpoint ? new Dictionary<string, AttributeValue>(checkpoint) : null;
        var tally = held.Tally ?? VerifyTally.Empty;
        while (true)
        {
            var page = await Reader.Page(spec, read, start, countOnly: false, ct).ConfigureAwait(false);
            var keys = page.Items.Select(item => KeyOf(place.Table, item)).ToList();
            var found = keys.Count == 0 ? [] : await SessionCall.Run(lookup, "BatchGetItem", place, (db, token) =>
                BatchReader.ReadAll(db, place, keys, consistentRead: false, ItemDigest.Of, token), ct).ConfigureAwait(false);
            tally = tally.Plus(ofSource ? SourcePage(place.Table, page.Items, found) : TargetPage(place.Table, page.Items, found), maxReported);

            var last = page.Last is not { Count: > 0 };
            var (count, next) = (page.Items.Count, tally);
            var stored = await Store(segment, (l, now) => (last ? l.Finished(count) : l.Checkpointed(page.Last!, count, now, Timing)) with { Tally = next }, ct).ConfigureAwait(false);
            if (!stored)
            {
                return; // another worker has the segment: what this one counted since its checkpoint is dropped with it
            }

            if (last)
            {
                Completed();
                return;
            }

            start = page.Last;
        }
    }

    /// <summary>A source page against what the target holds for its keys.</summary>
    private VerifyTally SourcePage(DynamoTable table, List<Dictionary<string, AttributeValue>> items, Dictionary<string, UInt128> target)
    {
        List<string> missing = [], different = [];
        long missingCount = 0, differentCount = 0;
        foreach (var item in items)
        {
            if (!target.TryGetValue(KeyIdentity.Of(table, item), out var digest))
            {
                missingCount++;
                Keep(missing, KeyIdentity.Describe(table, item));
            }
            else if (digest != ItemDigest.Of(item))
            {
                differentCount++;
                Keep(different, KeyIdentity.Describe(table, item));
            }
        }

        return VerifyTally.Empty with { SourceItems = items.Count, MissingCount = missingCount, DifferentCount = differentCount, Missing = missing, Different = different };
    }

    /// <summary>A target page against the keys the source holds.</summary>
    private VerifyTally TargetPage(DynamoTable table, List<Dictionary<string, AttributeValue>> items, Dictionary<string, UInt128> source)
    {
        List<string> extra = [];
        long extraCount = 0;
        foreach (var item in items.Where(item => !source.ContainsKey(KeyIdentity.Of(table, item))))
        {
            extraCount++;
            Keep(extra, KeyIdentity.Describe(table, item));
        }

        return VerifyTally.Empty with { TargetItems = items.Count, ExtraCount = extraCount, Extra = extra };
    }

    private void Keep(List<string> keys, string key)
    {
        if (keys.Count < maxReported)
        {
            keys.Add(key);
        }
    }

    private static Dictionary<string, AttributeValue> KeyOf(DynamoTable table, Dictionary<string, AttributeValue> item)
    {
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [table.HashKey.AttributeName] = item[table.HashKey.AttributeName] };
        if (table.RangeKey is { } range)
        {
            key[range.AttributeName] = item[range.AttributeName];
        }

        return key;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SessionEffects;

/// <summary>
/// Checks a copy job's recorded lease history (<see cref="SegmentLease.History"/>): every segment's transitions form
/// one unbroken chain of versions; each run of one owner begins with a claim, and a claim after the first is a takeover
/// made no earlier than the previous owner's last recorded expiry, so no segment was held by two live workers at once;
/// every segment is done exactly once, by its last transition, and nothing follows it. Pure: rows in, problems out.
/// </summary>
internal static class LeaseHistoryCheck
{
    /// <summary>Every problem of <paramref name="rows"/> (one per segment of a job of <paramref name="segments"/>), in words; empty when the history proves both properties.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<SegmentLease> rows, int segments)
    {
        var problems = new List<string>();
        if (rows.Count != segments || rows.Select(r => r.Segment).Distinct().Count() != segments)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"expected one row for each of {segments} segments, found {rows.Count} row(s)"));
        }

        foreach (var row in rows)
        {
            problems.AddRange(Problems(row).Select(p => string.Create(CultureInfo.InvariantCulture, $"segment {row.Segment}: {p}")));
        }

        return problems;
    }

    /// <summary>Transitions recorded over <paramref name="rows"/> and how many of them were takeovers (claims after a segment's first).</summary>
    public static (int Transitions, int Takeovers) Counts(IReadOnlyList<SegmentLease> rows) =>
        (rows.Sum(r => r.History?.Count ?? 0),
         rows.Sum(r => r.History is { } h ? Enumerable.Range(1, Math.Max(0, h.Count - 1)).Count(i => h[i].Claims == h[i - 1].Claims + 1) : 0));

    private static IEnumerable<string> Problems(SegmentLease row)
    {
        if (row.History is not { Count: > 0 } history)
        {
            yield return "no lease history recorded";
            yield break;
        }

        if (row.HistoryTruncated)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"the history stopped recording after {history.Count} transitions; it proves nothing past them");
        }

        if (history[^1].Version != row.Version)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"the row is at version {row.Version} but its history ends at {history[^1].Version}");
        }

        if (history[0] is not { Version: 1, Claims: 1, State: SegmentState.Running })
        {
            yield return $"the first transition is not a first claim: {history[0].Encode()}";
        }

        var done = history.Count(e => e.State == SegmentState.Done);
        if (done != 1 || history[^1].State != SegmentState.Done)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"done {done} time(s), last state {history[^1].State}: every segment must be done exactly once, by its last transition");
        }

        for (var i = 1; i < history.Count; i++)
        {
            var (before, e) = (history[i - 1], history[i]);
            if (e.Version != before.Version + 1)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"version {before.Version} is followed by {e.Version}: the chain is broken");
            }

            if (before.State == SegmentState.Done)
            {
                yield return $"written after it was done: {e.Encode()}";
            }
            else if (e.Claims == before.Claims + 1)
            {
                // A takeover: the previous owner's lease must have run out by the time it was taken.
                if (e.State != SegmentState.Running)
                {
                    yield return $"a claim that does not run: {e.Encode()}";
                }

                if (before.ExpiresAt is not { } expiry || e.At < expiry)
                {
                    yield return string.Create(
                        CultureInfo.InvariantCulture,
                        $"held by two live workers at once: {e.Owner} claimed it at {e.At:O} while {before.Owner}'s lease ran to {before.ExpiresAt:O}");
                }
            }
            else if (e.Claims != before.Claims || e.Owner != before.Owner)
            {
                yield return $"{e.Owner} wrote it without claiming it from {before.Owner}: {e.Encode()}";
            }
            else if (e.ItemsWritten < before.ItemsWritten)
            {
                yield return $"its item count went down: {e.Encode()}";
            }
        }
    }
}

using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// One segment's row of a copy job's lease table, and the protocol's transitions as pure functions. Every transition
/// raises <see cref="Version"/> by one and is written on the condition that the stored version is still the one it
/// started from, so of two workers acting on the same row only one succeeds.
/// </summary>
/// <param name="Segment">The scan segment, 0 to the job's segment count − 1.</param>
/// <param name="State">Pending, running or done.</param>
/// <param name="Owner">The worker holding (or that last held) the lease; null while pending.</param>
/// <param name="Version">How many transitions the row has been through; 0 for a row not yet written.</param>
/// <param name="ExpiresAt">When the lease runs out unless renewed; null while pending.</param>
/// <param name="Checkpoint">The source's last evaluated key after the last fully written page; null at the start and when done.</param>
/// <param name="ItemsWritten">Items written by the pages the checkpoint covers, over every owner.</param>
internal sealed record SegmentLease(
    int Segment,
    SegmentState State,
    string? Owner,
    long Version,
    DateTimeOffset? ExpiresAt,
    IReadOnlyDictionary<string, AttributeValue>? Checkpoint,
    long ItemsWritten)
{
    /// <summary>How many times the segment was claimed (a claim after an expiry is a takeover).</summary>
    public int Claims { get; init; }

    /// <summary>When the row was last written (by its writer's clock); null for a row not written yet.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Every transition of the row, oldest first, when the job keeps a lease history; null when it does not.</summary>
    public IReadOnlyList<LeaseEvent>? History { get; init; }

    /// <summary>A verify job's segment: what its pages up to the checkpoint (all of them, once done) found; null for a copy job.</summary>
    public VerifyTally? Tally { get; init; }

    /// <summary>The history reached <see cref="MaxHistory"/> entries and records no more (a check of it proves nothing past that point).</summary>
    public bool HistoryTruncated { get; init; }

    /// <summary>
    /// The most transitions one row records: at about 70 bytes each, 4,000 stay well inside DynamoDB's 400 KB item limit
    /// (a segment needing more is one a history cannot audit cheaply anyway).
    /// </summary>
    public const int MaxHistory = 4_000;

    /// <summary>A segment no worker has touched.</summary>
    public static SegmentLease Pending(int segment) => new(segment, SegmentState.Pending, null, 0, null, null, 0);

    /// <summary>This row as written at <paramref name="at"/>: stamped with the time and, when <paramref name="record"/>, with its transition appended to the history.</summary>
    public SegmentLease Stamped(DateTimeOffset at, bool record)
    {
        var stamped = this with { UpdatedAt = at };
        if (!record || HistoryTruncated)
        {
            return stamped;
        }

        var history = History ?? [];
        return history.Count >= MaxHistory
            ? stamped with { HistoryTruncated = true }
            : stamped with { History = [.. history, LeaseEvent.Of(this, at)] };
    }

    /// <summary>Whether a worker may claim it at <paramref name="now"/>: pending, or running with its lease run out.</summary>
    public bool IsClaimable(DateTimeOffset now) => State == SegmentState.Pending || (State == SegmentState.Running && ExpiresAt <= now);

    /// <summary>Whether some worker holds an unexpired lease on it at <paramref name="now"/>.</summary>
    public bool IsHeld(DateTimeOffset now) => State == SegmentState.Running && ExpiresAt > now;

    /// <summary>The row after <paramref name="worker"/> claims it at <paramref name="now"/>, keeping the checkpoint to continue from.</summary>
    /// <exception cref="InvalidOperationException">The segment is not claimable at <paramref name="now"/>.</exception>
    public SegmentLease ClaimedBy(string worker, DateTimeOffset now, LeaseTiming timing) =>
        IsClaimable(now)
            ? this with { State = SegmentState.Running, Owner = worker, Version = Version + 1, ExpiresAt = now + timing.LeaseDuration, Claims = Claims + 1 }
            : throw new InvalidOperationException($"Segment {Segment} is {State} and held by {Owner} until {ExpiresAt:O}; it cannot be claimed at {now:O}.");

    /// <summary>The row after its owner renews the lease at <paramref name="now"/>.</summary>
    public SegmentLease Renewed(DateTimeOffset now, LeaseTiming timing) =>
        this with { Version = Version + 1, ExpiresAt = now + timing.LeaseDuration };

    /// <summary>The row after its owner has fully written one more page of <paramref name="items"/> items (a checkpoint renews the lease too).</summary>
    public SegmentLease Checkpointed(IReadOnlyDictionary<string, AttributeValue> lastKey, int items, DateTimeOffset now, LeaseTiming timing) =>
        this with { Version = Version + 1, ExpiresAt = now + timing.LeaseDuration, Checkpoint = lastKey, ItemsWritten = ItemsWritten + items };

    /// <summary>The row after its owner has written the last page (of <paramref name="items"/> items); the owner stays as who finished it.</summary>
    public SegmentLease Finished(int items) =>
        this with { State = SegmentState.Done, Version = Version + 1, ExpiresAt = null, Checkpoint = null, ItemsWritten = ItemsWritten + items };
}

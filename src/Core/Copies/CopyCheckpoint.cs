using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;

namespace SessionEffects;

/// <summary>
/// Where a copy stands: for each scan segment, the page token after its last fully written page, or that it is done.
/// A small immutable value that round-trips through <see cref="ToJson"/> / <see cref="FromJson"/>. Resuming with it
/// re-reads at most one page per segment; writes are idempotent puts of whole items, so the end state is that of an
/// uninterrupted copy.
/// </summary>
public sealed record CopyCheckpoint
{
    internal CopyCheckpoint(string tableName, ImmutableArray<SegmentPosition> positions)
    {
        TableName = tableName;
        Positions = positions;
    }

    /// <summary>The copied table's name.</summary>
    public string TableName { get; }

    /// <summary>How many segments the copy uses; a resumed copy must use as many.</summary>
    public int Segments => Positions.Length;

    /// <summary>Each segment's position.</summary>
    public ImmutableArray<SegmentPosition> Positions { get; }

    /// <summary>Whether every segment is done.</summary>
    public bool IsComplete => Positions.All(p => p.Done);

    /// <summary>The checkpoint as a small JSON document.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(new StoredCheckpoint(1, TableName, [.. Positions.Select(p => new StoredPosition(p.Done, p.Token))]), CheckpointJson.Default.StoredCheckpoint);

    /// <summary>A checkpoint from <see cref="ToJson"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a checkpoint.</exception>
    public static CopyCheckpoint FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var stored = JsonSerializer.Deserialize(json, CheckpointJson.Default.StoredCheckpoint) ?? throw new JsonException("empty");
            if (stored.Version != 1 || string.IsNullOrEmpty(stored.TableName) || stored.Segments is not { Length: > 0 } || Array.Exists(stored.Segments, s => s is null))
            {
                throw new JsonException("not a version 1 checkpoint with a table and segments");
            }

            return new CopyCheckpoint(stored.TableName, [.. stored.Segments.Select(s => new SegmentPosition(s.Done, s.Token))]);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The text is not a copy checkpoint ({ex.Message}).", nameof(json), ex);
        }
    }

    /// <summary>Equal checkpoints name the same table and the same position of every segment.</summary>
    public bool Equals(CopyCheckpoint? other) =>
        other is not null && TableName == other.TableName && Positions.SequenceEqual(other.Positions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TableName, Positions.Length, Positions.Count(p => p.Done));

    /// <summary>The table, how many segments are done, and how many there are.</summary>
    public override string ToString() => $"checkpoint of {TableName}: {Positions.Count(p => p.Done)}/{Segments} segment(s) done";

    /// <summary>A fresh checkpoint: every segment at its beginning.</summary>
    internal static CopyCheckpoint Start(string tableName, int segments) =>
        new(tableName, [.. Enumerable.Repeat(new SegmentPosition(false, null), segments)]);

    /// <summary>This checkpoint with one segment moved on.</summary>
    internal CopyCheckpoint With(int segment, SegmentPosition position) => new(TableName, Positions.SetItem(segment, position));
}

/// <summary>One segment's position in a copy.</summary>
/// <param name="Done">Every page of the segment is written.</param>
/// <param name="Token">The page token to continue from; null to start from the beginning (or when done).</param>
public sealed record SegmentPosition(bool Done, string? Token);

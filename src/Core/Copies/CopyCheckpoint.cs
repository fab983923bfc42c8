using System;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SessionEffects;

/// <summary>
/// Where a copy stands: the table and its key schema, and for each scan segment the page token after its last fully
/// written page (or that it is done) with the items it has read and written so far over every run. A small immutable
/// value that round-trips through <see cref="ToJson"/> / <see cref="FromJson"/>. Resuming with it re-reads no written
/// page; writes are idempotent puts of whole items, so the end state is that of an uninterrupted copy.
/// </summary>
/// <remarks>
/// The JSON carries a SHA-256 checksum over the canonical form of every field (version, table, key schema, segment
/// count, each segment's state, token and counts). <see cref="FromJson"/> refuses any change — a segment marked done, a
/// token removed or edited, a count changed, the checksum itself edited — with <see cref="CopyCheckpointException"/>,
/// before a copy can start from it. The checksum detects corruption and edits; it is not a secret signature (whoever can
/// write the file can run the copy itself), and a page token in it is bound to the source session as every token is.
/// </remarks>
public sealed record CopyCheckpoint
{
    private const int CurrentVersion = 2;
    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("SessionEffects.CopyCheckpoint.v2\n");

    internal CopyCheckpoint(string tableName, string keySchema, ImmutableArray<SegmentPosition> positions)
    {
        TableName = tableName;
        KeySchema = keySchema;
        Positions = positions;
    }

    /// <summary>The copied table's name.</summary>
    public string TableName { get; }

    /// <summary>The copied table's key schema (<c>hash id:S, range seq:N</c>); a resumed copy must have the same.</summary>
    public string KeySchema { get; }

    /// <summary>How many segments the copy uses; a resumed copy must use as many.</summary>
    public int Segments => Positions.Length;

    /// <summary>Each segment's position.</summary>
    public ImmutableArray<SegmentPosition> Positions { get; }

    /// <summary>Whether every segment is done.</summary>
    public bool IsComplete => Positions.All(p => p.Done);

    /// <summary>Items read from the source by the pages this checkpoint covers, over every run of the copy.</summary>
    public long ItemsRead => Positions.Sum(p => p.ItemsRead);

    /// <summary>Items written to the target by the pages this checkpoint covers, over every run (each item once).</summary>
    public long ItemsWritten => Positions.Sum(p => p.ItemsWritten);

    /// <summary>The checkpoint as a small JSON document with its checksum.</summary>
    public string ToJson()
    {
        var stored = Stored(checksum: null);
        return JsonSerializer.Serialize(stored with { Checksum = Checksum(stored) }, CheckpointJson.Default.StoredCheckpoint);
    }

    /// <summary>A checkpoint from <see cref="ToJson"/>, its checksum verified.</summary>
    /// <exception cref="CopyCheckpointException">The text is not a checkpoint, or it was changed (the checksum does not match).</exception>
    public static CopyCheckpoint FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        StoredCheckpoint stored;
        try
        {
            stored = JsonSerializer.Deserialize(json, CheckpointJson.Default.StoredCheckpoint) ?? throw new JsonException("it is empty");
        }
        catch (JsonException ex)
        {
            throw CopyCheckpointException.NotUsable($"the text is not a copy checkpoint ({ex.Message})", ex);
        }

        if (stored.Version != CurrentVersion)
        {
            throw CopyCheckpointException.NotUsable(stored.Version == 1
                ? "it is a version 1 checkpoint, which has no checksum, so what it claims cannot be verified"
                : $"it is of version {stored.Version}; this library reads version {CurrentVersion}");
        }

        if (string.IsNullOrEmpty(stored.TableName) || string.IsNullOrEmpty(stored.KeySchema) || stored.Segments is not { Length: > 0 } || Array.Exists(stored.Segments, s => s is null))
        {
            throw CopyCheckpointException.NotUsable("the text is not a copy checkpoint (a table, a key schema and segments are missing)");
        }

        if (stored.Checksum is not { } claimed || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(claimed), Encoding.ASCII.GetBytes(Checksum(stored with { Checksum = null }))))
        {
            throw CopyCheckpointException.NotUsable("its checksum does not match its content: it was changed or corrupted after it was written (a segment's state, token or count, the table, the key schema or the segment count)");
        }

        if (Array.Find(stored.Segments, s => s.ItemsRead < 0 || s.ItemsWritten < 0 || s.ItemsWritten > s.ItemsRead || (s.Done && s.Token is not null)) is { } odd)
        {
            throw CopyCheckpointException.NotUsable($"segment {Array.IndexOf(stored.Segments, odd)} is not a position a copy makes");
        }

        return new CopyCheckpoint(stored.TableName, stored.KeySchema, [.. stored.Segments.Select(s => new SegmentPosition(s.Done, s.Token) { ItemsRead = s.ItemsRead, ItemsWritten = s.ItemsWritten })]);
    }

    /// <summary>Equal checkpoints name the same table and key schema and the same position of every segment.</summary>
    public bool Equals(CopyCheckpoint? other) =>
        other is not null && TableName == other.TableName && KeySchema == other.KeySchema && Positions.SequenceEqual(other.Positions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TableName, Positions.Length, Positions.Count(p => p.Done));

    /// <summary>The table, how many segments are done, how many there are, and the items written.</summary>
    public override string ToString() => $"checkpoint of {TableName}: {Positions.Count(p => p.Done)}/{Segments} segment(s) done, {ItemsWritten} item(s) written";

    /// <summary>The key schema of a table as a checkpoint records it.</summary>
    internal static string KeySchemaOf(DynamoTable table) => $"hash {table.HashKey}" + (table.RangeKey is { } range ? $", range {range}" : string.Empty);

    /// <summary>A fresh checkpoint: every segment at its beginning.</summary>
    internal static CopyCheckpoint Start(DynamoTable table, int segments) => Start(table.Name, KeySchemaOf(table), segments);

    /// <summary>A fresh checkpoint of a table given by name and key schema.</summary>
    internal static CopyCheckpoint Start(string tableName, string keySchema, int segments) =>
        new(tableName, keySchema, [.. Enumerable.Repeat(new SegmentPosition(false, null), segments)]);

    /// <summary>This checkpoint with one segment moved on.</summary>
    internal CopyCheckpoint With(int segment, SegmentPosition position) => new(TableName, KeySchema, Positions.SetItem(segment, position));

    private StoredCheckpoint Stored(string? checksum) =>
        new(CurrentVersion, TableName, KeySchema, [.. Positions.Select(p => new StoredPosition(p.Done, p.Token, p.ItemsRead, p.ItemsWritten))], checksum);

    /// <summary>SHA-256 over the canonical form (the stored record without its checksum, as the generated serializer writes it).</summary>
    private static string Checksum(StoredCheckpoint withoutChecksum)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(withoutChecksum with { Checksum = null }, CheckpointJson.Default.StoredCheckpoint);
        return "sha256:" + Base64Url.EncodeToString(SHA256.HashData([.. Domain, .. canonical]));
    }
}

/// <summary>One segment's position in a copy.</summary>
/// <param name="Done">Every page of the segment is written.</param>
/// <param name="Token">The page token to continue from; null to start from the beginning (or when done).</param>
public sealed record SegmentPosition(bool Done, string? Token)
{
    /// <summary>Items this segment has read from the source so far, over every run of the copy.</summary>
    public long ItemsRead { get; init; }

    /// <summary>Items this segment has written to the target so far, over every run (an item written twice after a crash counts once).</summary>
    public long ItemsWritten { get; init; }
}

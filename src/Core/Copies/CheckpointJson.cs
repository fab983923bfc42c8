using System.Text.Json.Serialization;

namespace SessionEffects;

/// <summary>
/// A checkpoint as stored: a version, the table and its key schema, each segment's position and counts, and the
/// checksum over all of them (null while the canonical form is written for hashing).
/// </summary>
internal sealed record StoredCheckpoint(int Version, string TableName, string? KeySchema, StoredPosition[] Segments, string? Checksum);

/// <summary>One segment's stored position and how many items it has read and written so far, over every run.</summary>
internal sealed record StoredPosition(bool Done, string? Token, long ItemsRead, long ItemsWritten);

/// <summary>The checkpoint's JSON, generated at compile time (no reflection: trimming and AOT keep it working).</summary>
[JsonSerializable(typeof(StoredCheckpoint))]
internal sealed partial class CheckpointJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace SessionEffects;

/// <summary>A checkpoint as stored: a version, the table, and each segment's position.</summary>
internal sealed record StoredCheckpoint(int Version, string TableName, StoredPosition[] Segments);

/// <summary>One segment's stored position.</summary>
internal sealed record StoredPosition(bool Done, string? Token);

/// <summary>The checkpoint's JSON, generated at compile time (no reflection: trimming and AOT keep it working).</summary>
[JsonSerializable(typeof(StoredCheckpoint))]
internal sealed partial class CheckpointJson : JsonSerializerContext;

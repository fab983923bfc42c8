using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SessionEffects.Properties.Checkpoints;

/// <summary>
/// Every single-field edit of a stored checkpoint: each top-level field (version, table, key schema, checksum, the
/// segment list itself) and each field of each segment (done, token, items read, items written), each in a few ways.
/// An edit changes exactly one value of the JSON; nothing else is touched (the checksum is left as it was).
/// </summary>
internal static class CheckpointEdits
{
    /// <summary>A named edit: what it changes, and the edited JSON.</summary>
    public sealed record Edit(string Name, string Json)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Edit> All(string json)
    {
        var edits = new List<Edit>();
        void Add(string name, Action<JsonObject> change)
        {
            var root = JsonNode.Parse(json)!.AsObject();
            change(root);
            var edited = root.ToJsonString();
            if (edited != JsonNode.Parse(json)!.ToJsonString())
            {
                edits.Add(new Edit(name, edited));
            }
        }

        var original = JsonNode.Parse(json)!.AsObject();
        var segments = original["Segments"]!.AsArray();
        var tokens = segments.Select(s => (string?)s!["Token"]).Where(t => t is not null).ToList();

        Add("Version 1", r => r["Version"] = 1);
        Add("Version 3", r => r["Version"] = 3);
        Add("TableName other", r => r["TableName"] = "shipments_old");
        Add("TableName case", r => r["TableName"] = ((string)r["TableName"]!).ToUpperInvariant());
        Add("KeySchema other", r => r["KeySchema"] = "hash tenant:S");
        Add("KeySchema type", r => r["KeySchema"] = ((string)r["KeySchema"]!).Replace(":N", ":S", StringComparison.Ordinal));
        Add("Checksum one character", r => r["Checksum"] = Flip((string)r["Checksum"]!, 10));
        Add("Checksum removed", r => r.Remove("Checksum"));
        Add("Segments one fewer", r => r["Segments"]!.AsArray().RemoveAt(segments.Count - 1));
        Add("Segments one more", r => r["Segments"]!.AsArray().Add(new JsonObject { ["Done"] = false, ["Token"] = null, ["ItemsRead"] = 0, ["ItemsWritten"] = 0 }));
        Add("Segments swapped", r =>
        {
            var list = r["Segments"]!.AsArray();
            var first = list[0]!.DeepClone();
            list[0] = list[1]!.DeepClone();
            list[1] = first;
        });

        for (var i = 0; i < segments.Count; i++)
        {
            var at = i;
            JsonObject Segment(JsonObject r) => r["Segments"]!.AsArray()[at]!.AsObject();
            var token = (string?)segments[i]!["Token"];
            Add($"segment {at} Done flipped", r => Segment(r)["Done"] = !(bool)Segment(r)["Done"]!);
            Add($"segment {at} Done and Token cleared (marked finished)", r =>
            {
                Segment(r)["Done"] = true;
                Segment(r)["Token"] = null;
            });
            Add($"segment {at} Token cleared (restart)", r => Segment(r)["Token"] = null);
            Add($"segment {at} Token made up", r => Segment(r)["Token"] = "eyJzIjoiU2NhbiJ9AAAAAAAAAAAAAAAA");
            if (token is not null)
            {
                Add($"segment {at} Token first character", r => Segment(r)["Token"] = Flip(token, 0));
                Add($"segment {at} Token middle character", r => Segment(r)["Token"] = Flip(token, token.Length / 2));
                Add($"segment {at} Token cut", r => Segment(r)["Token"] = token[..^4]);
            }

            foreach (var other in tokens.Where(t => t != token))
            {
                Add($"segment {at} Token of another segment", r => Segment(r)["Token"] = other);
            }

            foreach (var field in new[] { "ItemsRead", "ItemsWritten" })
            {
                var value = (long)segments[i]![field]!;
                Add($"segment {at} {field} + 1", r => Segment(r)[field] = value + 1);
                Add($"segment {at} {field} - 1", r => Segment(r)[field] = value - 1);
                Add($"segment {at} {field} 0", r => Segment(r)[field] = 0);
                Add($"segment {at} {field} x 10", r => Segment(r)[field] = (value * 10) + 10);
            }
        }

        return edits;
    }

    private static string Flip(string text, int at) =>
        string.Concat(text.AsSpan(0, at), text[at] == 'A' ? "B" : "A", text.AsSpan(at + 1));
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// The keys a mirror owes its secondary: bounded (past the bound only the fact that keys were lost is kept, and a
/// full comparison is needed), and, when a file is given, persisted as one JSON line per change (<c>+</c> a key,
/// <c>-</c> a key, <c>!</c> overflowed, <c>0</c> cleared), so a process that restarts finds what it still owes.
/// With a table (<see cref="DirtyKeyTable"/>), every change is also written there, behind, so other processes and
/// later runs see it. Thread-safe: one lock around the set and the file.
/// </summary>
internal sealed class DirtyKeys
{
    private readonly object sync = new();
    private readonly Dictionary<string, MirrorKey> keys = new(StringComparer.Ordinal);
    private readonly string? file;
    private readonly int capacity;
    private readonly DirtyKeyTable? table;
    private int linesWritten;

    public DirtyKeys(int capacity, string? file, DirtyKeyTable? table = null)
    {
        this.capacity = capacity;
        this.file = file;
        this.table = table;
        if (file is not null && File.Exists(file))
        {
            Load(file);
        }
    }

    /// <summary>Whether keys were dropped because the set was full (a full comparison finds them).</summary>
    public bool Overflowed { get; private set; }

    public int Count
    {
        get
        {
            lock (sync)
            {
                return keys.Count;
            }
        }
    }

    public IReadOnlyList<MirrorKey> Snapshot()
    {
        lock (sync)
        {
            return [.. keys.Values];
        }
    }

    /// <summary>Records <paramref name="key"/>; false when it was there already or did not fit.</summary>
    public bool Add(MirrorKey key)
    {
        lock (sync)
        {
            if (keys.ContainsKey(key.Canonical))
            {
                return false;
            }

            if (keys.Count >= capacity)
            {
                if (!Overflowed)
                {
                    Overflowed = true;
                    Append(Line('!', null));
                    table?.Overflow(true);
                }

                return false;
            }

            keys[key.Canonical] = key;
            Append(Line('+', key));
            table?.Put(key);
            return true;
        }
    }

    /// <summary>Forgets <paramref name="key"/> (repaired); false when it was not there.</summary>
    public bool Remove(MirrorKey key)
    {
        lock (sync)
        {
            if (!keys.Remove(key.Canonical))
            {
                return false;
            }

            Append(Line('-', key));
            table?.Delete(key);
            if (file is not null && linesWritten > (4 * keys.Count) + 1_000)
            {
                Compact();
            }

            return true;
        }
    }

    /// <summary>After a comparison of the whole table found nothing owed: the overflow no longer matters.</summary>
    public void ClearOverflow()
    {
        lock (sync)
        {
            if (Overflowed)
            {
                Overflowed = false;
                Compact();
                table?.Overflow(false);
            }
        }
    }

    /// <summary>
    /// The keys the table holds (recorded by other processes, or by this one before a restart) taken into the set, so a
    /// repair of one removes it from the table too. Keys the table holds are not written back.
    /// </summary>
    public async Task LoadTableAsync(CancellationToken cancellationToken)
    {
        if (table is null)
        {
            return;
        }

        var (stored, overflowed) = await table.ReadAsync(cancellationToken).ConfigureAwait(false);
        lock (sync)
        {
            foreach (var key in stored)
            {
                if (keys.Count >= capacity)
                {
                    Overflowed = true;
                    break;
                }

                if (keys.TryAdd(key.Canonical, key))
                {
                    Append(Line('+', key));
                }
            }

            Overflowed |= overflowed;
        }
    }

    /// <summary>Waits until the table has every change made so far (nothing to wait for without a table).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => table?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    private void Append(string line)
    {
        if (file is null)
        {
            return;
        }

        File.AppendAllText(file, line + "\n", Encoding.UTF8);
        linesWritten++;
    }

    /// <summary>Rewrites the file with the set as it is (to a temporary file first: a crash leaves the old or the new one).</summary>
    private void Compact()
    {
        if (file is null)
        {
            return;
        }

        var lines = new List<string> { Line('0', null) };
        if (Overflowed)
        {
            lines.Add(Line('!', null));
        }

        lines.AddRange(keys.Values.Select(k => Line('+', k)));
        var temporary = file + ".tmp";
        File.WriteAllLines(temporary, lines, Encoding.UTF8);
        File.Move(temporary, file, overwrite: true);
        linesWritten = lines.Count;
    }

    private void Load(string path)
    {
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0)
            {
                continue;
            }

            linesWritten++;
            using var json = JsonDocument.Parse(line);
            var op = json.RootElement.GetProperty("op").GetString();
            switch (op)
            {
                case "0": keys.Clear(); Overflowed = false; break;
                case "!": Overflowed = true; break;
                case "+": var added = Read(json.RootElement); keys[added.Canonical] = added; break;
                case "-": keys.Remove(Read(json.RootElement).Canonical); break;
                default: throw new InvalidDataException($"The dirty-key file {path} has a line of unknown kind '{op}'.");
            }
        }
    }

    private static string Line(char op, MirrorKey? key)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("op", op.ToString());
            if (key is not null)
            {
                writer.WriteString("table", key.TableName);
                writer.WriteStartObject("key");
                foreach (var (name, value) in key.Key)
                {
                    writer.WriteStartObject(name);
                    if (value.S is not null)
                    {
                        writer.WriteString("S", value.S);
                    }
                    else if (value.N is not null)
                    {
                        writer.WriteString("N", value.N);
                    }
                    else
                    {
                        writer.WriteString("B", Convert.ToBase64String(value.B.ToArray()));
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static MirrorKey Read(JsonElement line)
    {
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var attribute in line.GetProperty("key").EnumerateObject())
        {
            var typed = attribute.Value.EnumerateObject().Single();
            key[attribute.Name] = typed.Name switch
            {
                "S" => new AttributeValue { S = typed.Value.GetString() },
                "N" => new AttributeValue { N = typed.Value.GetString() },
                "B" => new AttributeValue { B = new MemoryStream(Convert.FromBase64String(typed.Value.GetString()!)) },
                _ => throw new InvalidDataException($"A key attribute of type {typed.Name} in a dirty-key file."),
            };
        }

        return new MirrorKey(line.GetProperty("table").GetString()!, key);
    }
}

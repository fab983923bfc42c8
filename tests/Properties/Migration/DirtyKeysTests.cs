using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon.DynamoDBv2.Model;
using Xunit;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// The set of keys a mirror owes its secondary: one entry per item (numbers compared as numbers), bounded (past the
/// bound the overflow is kept, not the key), and replayed from its file in the state it was left in.
/// </summary>
public sealed class DirtyKeysTests
{
    private static MirrorKey Key(string id, string? n = null) =>
        new("users", n is null ? new Dictionary<string, AttributeValue> { ["id"] = new() { S = id } } : new Dictionary<string, AttributeValue> { ["id"] = new() { S = id }, ["n"] = new() { N = n } });

    [Fact]
    public void Keys_are_one_entry_per_item_and_the_bound_keeps_the_overflow_instead_of_the_key()
    {
        var keys = new DirtyKeys(capacity: 3, file: null);
        Assert.True(keys.Add(Key("a", "5")));
        Assert.False(keys.Add(Key("a", "5.0")));
        Assert.True(keys.Add(Key("b")));
        Assert.True(keys.Add(Key("c")));
        Assert.False(keys.Overflowed);
        Assert.False(keys.Add(Key("d")));
        Assert.True(keys.Overflowed);
        Assert.Equal(3, keys.Count);
        Assert.True(keys.Remove(Key("a", "+5")));
        Assert.False(keys.Remove(Key("a", "5")));
        keys.ClearOverflow();
        Assert.False(keys.Overflowed);
        Assert.Equal(["users{id=S:b}", "users{id=S:c}"], keys.Snapshot().Select(k => k.ToString()).Order());
    }

    [Fact]
    public void A_file_is_read_back_as_it_was_left_and_compacted_when_mostly_removals()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("dirty-keys-").FullName, "keys.jsonl");
        var keys = new DirtyKeys(capacity: 2, file);
        keys.Add(Key("a"));
        keys.Add(Key("b", "1"));
        keys.Add(Key("c"));
        keys.Remove(Key("a"));

        var read = new DirtyKeys(capacity: 2, file);
        Assert.Equal(["users{id=S:b,n=N:1}"], read.Snapshot().Select(k => k.ToString()));
        Assert.True(read.Overflowed);
        Assert.Equal("1", read.Snapshot()[0].Key["n"].N);

        read.ClearOverflow();
        var compacted = new DirtyKeys(capacity: 2, file);
        Assert.False(compacted.Overflowed);
        Assert.Single(compacted.Snapshot());
        Assert.Equal(2, File.ReadAllLines(file).Length); // the clear marker and the one key

        for (var i = 0; i < 600; i++)
        {
            compacted.Add(Key("x" + i));
            compacted.Remove(Key("x" + i));
        }

        Assert.True(File.ReadAllLines(file).Length < 1_100);
        Assert.Single(new DirtyKeys(capacity: 2, file).Snapshot());
    }
}

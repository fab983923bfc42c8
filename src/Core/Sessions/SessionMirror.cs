using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;

namespace SessionEffects;

/// <summary>
/// The state a mirrored session (<see cref="AwsSession.Mirrored"/>) shares with every flow that uses it: which side is
/// the primary now, the keys owed to the secondary, what has been mirrored, and the per-key order of writes. One value
/// per migration, so a <see cref="SwapAsync"/> changes the direction for every flow of the process at once.
/// </summary>
public sealed class SessionMirror : IDisposable
{
    private readonly AwsSession[] sides;
    private readonly Lazy<IAmazonDynamoDB>[] clients;
    private readonly DirtyKeyTable? table;
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>> keyNames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MirrorKey> tombstones = new(StringComparer.Ordinal);
    private int tombstoneTrackers;
    private volatile int primary;
    private volatile bool stopped;
    private long mirrored;
    private long failed;

    internal SessionMirror(AwsSession primary, AwsSession secondary, MirrorOptions options)
    {
        sides = [primary, secondary];
        Options = options;
        table = options.DirtyKeysTable is { } name ? new DirtyKeyTable(options.DirtyKeysSession ?? primary, name) : null;
        Dirty = new DirtyKeys(options.MaxDirtyKeys, options.DirtyKeysFile, table);
        clients = [.. sides.Select(side => new Lazy<IAmazonDynamoDB>(() => side.CreateMirrorClient(this), LazyThreadSafetyMode.ExecutionAndPublication))];
    }

    /// <summary>The side reads and writes go to now (the first session given, until a swap).</summary>
    public AwsSession Primary => sides[primary];

    /// <summary>The side each accepted write is mirrored to (the second session given, until a swap).</summary>
    public AwsSession Secondary => sides[1 - primary];

    /// <summary>How the secondary is treated.</summary>
    public MirrorOptions Options { get; }

    /// <summary>Whether a swap has made the second session given the primary.</summary>
    public bool IsSwapped => primary == 1;

    /// <summary>Whether mirroring has stopped (<see cref="StopAsync"/>): writes go to the primary only.</summary>
    public bool IsStopped => stopped;

    /// <summary>Counts of what the mirror has done.</summary>
    public MirrorStatistics Statistics =>
        new(Interlocked.Read(ref mirrored), Interlocked.Read(ref failed), Dirty.Count, Dirty.Overflowed, IsSwapped);

    /// <summary>The keys owed to the secondary now (recorded when a secondary write failed; gone once repaired).</summary>
    public IReadOnlyList<MirrorKey> DirtyKeys => Dirty.Snapshot();

    internal DirtyKeys Dirty { get; }

    internal KeyStripes Locks { get; } = new(1024);

    internal MirrorGate Gate { get; } = new();

    /// <summary>Whether deletes are being recorded as tombstones (while a copy into the secondary runs).</summary>
    internal bool TracksTombstones => Volatile.Read(ref tombstoneTrackers) > 0;

    /// <summary>The client of the side that is the primary now: its pipeline mirrors each accepted write.</summary>
    internal IAmazonDynamoDB CurrentClient => clients[primary].Value;

    /// <summary>
    /// Swaps primary and secondary for every flow that uses this mirror, in one step: writes already under way finish
    /// (on both sides) first, writes that arrive meanwhile wait and then go to the new primary. Mirroring goes on in the
    /// other direction (back to the old primary), so a second swap is a rollback.
    /// </summary>
    /// <exception cref="NotSupportedException">The sides name tables differently (their <see cref="AwsSession.TableNames"/>): not supported by a swap yet.</exception>
    /// <exception cref="InvalidOperationException">Mirroring has stopped.</exception>
    public Task SwapAsync(CancellationToken cancellationToken = default) =>
        !sides[0].TableNames.Equals(sides[1].TableNames)
            ? Task.FromException(new NotSupportedException("A mirror whose sides name tables differently cannot swap yet: requests keep the names of the session the table is bound to."))
            : Gate.ChangeAsync(() => stopped ? throw new InvalidOperationException("Mirroring has stopped; a stopped mirror does not swap.") : primary = 1 - primary, cancellationToken);

    /// <summary>
    /// Stops mirroring: after the writes under way have finished on both sides, writes go to the primary only. A
    /// request that was already routed to the old primary of a swap is refused rather than written to one side.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => Gate.ChangeAsync(() => stopped = true, cancellationToken);

    /// <summary>Releases the clients the mirror made (not the sides' own sessions).</summary>
    public void Dispose()
    {
        // The owed keys recorded so far are written to their table first (a few seconds at most).
        table?.Dispose();
        foreach (var client in clients.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    /// <summary>Masked sides and direction.</summary>
    public override string ToString() => $"Mirrored(primary={Primary}, secondary={Secondary}{(stopped ? ", stopped" : string.Empty)})";

    /// <summary>Whether <paramref name="side"/> (0: the first session given) is the primary now.</summary>
    internal bool IsPrimary(int side) => primary == side;

    internal AwsSession Side(int side) => sides[side];

    /// <summary>The side index of <paramref name="session"/>.</summary>
    internal int SideOf(AwsSession session) => ReferenceEquals(sides[0], session) ? 0 : 1;

    /// <summary>
    /// The secondary's name of a table the primary names <paramref name="primaryName"/>: the table's name under the
    /// secondary session's naming (the same name when neither side has one).
    /// </summary>
    internal string SecondaryTableName(string primaryName) =>
        Secondary.TableNames.IsNone && Primary.TableNames.IsNone ? primaryName : Secondary.TableNames.Resolve(Primary.TableNames.LogicalOf(primaryName));

    /// <summary>The key attribute names of a primary table, from its DescribeTable (once per table).</summary>
    internal async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> KeyNamesAsync(IEnumerable<string> tables, AwsSession from, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var described = keyNames.GetOrAdd(table, name => new Lazy<Task<IReadOnlyList<string>>>(() => DescribeKeys(name, from)));
            try
            {
                names[table] = await described.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch when (described.Value.IsFaulted)
            {
                keyNames.TryRemove(new KeyValuePair<string, Lazy<Task<IReadOnlyList<string>>>>(table, described));
                throw;
            }
        }

        return names;
    }

    /// <summary>Records deletes as tombstones until the result is disposed (a copy into the secondary is running).</summary>
    internal IDisposable TrackTombstones()
    {
        Interlocked.Increment(ref tombstoneTrackers);
        return new Tracking(this);
    }

    internal void Tombstone(MirrorKey key) => tombstones.TryAdd(key.Canonical, key);

    /// <summary>The tombstones recorded so far, taken out of the set.</summary>
    internal IReadOnlyList<MirrorKey> TakeTombstones()
    {
        var taken = new List<MirrorKey>();
        foreach (var key in tombstones.Keys)
        {
            if (tombstones.TryRemove(key, out var removed))
            {
                taken.Add(removed);
            }
        }

        return taken;
    }

    internal void CountMirrored(int count) => Interlocked.Add(ref mirrored, count);

    internal void CountFailed(int count) => Interlocked.Add(ref failed, count);

    private static async Task<IReadOnlyList<string>> DescribeKeys(string table, AwsSession from)
    {
        using var lease = await from.LeaseReadyAsync().ConfigureAwait(false);
        var described = await from.DynamoDB.DescribeTableAsync(table).ConfigureAwait(false);
        return [.. described.Table.KeySchema.Select(k => k.AttributeName)];
    }

    private sealed class Tracking(SessionMirror mirror) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                Interlocked.Decrement(ref mirror.tombstoneTrackers);
            }
        }
    }
}

using System;
using System.Diagnostics.Contracts;
using LanguageExt;

namespace SessionEffects;

/// <summary>Whole-table copies between sessions, resumable and verifiable.</summary>
public static partial class Dynamo
{
    /// <summary>
    /// Copies every item of the table (or those matching the options' filter) from the session the table is bound to
    /// when this runs into the same table of <paramref name="target"/> (each side's physical name from its session's
    /// <see cref="AwsSession.TableNames"/>: <c>orders</c> in production into <c>dev-orders</c> in dev): parallel segments, an optional shared rate
    /// limit, target creation, progress, and a checkpoint after every fully written page of each segment. Items are
    /// copied as stored (versions and attributes the class does not map included). A failure that retries cannot cure
    /// stops the copy with <see cref="CopyInterruptedException"/>, which carries the checkpoint to resume from. A checkpoint
    /// to resume from is checked whole before anything is created, read or written: one that was changed, is of another
    /// table, key schema or segment count, or holds a token of another session fails with <see cref="CopyCheckpointException"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, CopyResult> copyTable(DynamoTable table, AwsSession target, CopyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return withSession(table, (source, ct) => CopyEngine.Run(table, source, target, options ?? new CopyOptions(), ct));
    }

    /// <summary>
    /// <see cref="copyTable"/> for a table the program has no class for: its keys, indexes, billing and TTL come from
    /// DescribeTable (and DescribeTimeToLive) of <paramref name="source"/>. <paramref name="tableName"/> is the logical
    /// name: each session's <see cref="AwsSession.TableNames"/> name the table on its side, as for a mapped table.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    [Pure]
    public static Aff<SessionEnv, CopyResult> copyTableByName(string tableName, AwsSession source, AwsSession target, CopyOptions? options = null)
    {
        options ??= new CopyOptions();
        return byName(tableName, source, target, (table, ct) => CopyEngine.Run(table, source, target, options, ct), () => CopyEngine.CheckResume(PhysicalTable.Named(source, tableName).Name, options));
    }

    /// <summary>
    /// Compares the table as its bound session sees it with the same table in <paramref name="target"/> (each named by its
    /// own session's <see cref="AwsSession.TableNames"/>), item by item
    /// (key and a digest of every attribute), through parallel segments: counts and the first keys that are missing,
    /// extra or different. How a migration is proven complete.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, VerifyResult> verifyCopy(DynamoTable table, AwsSession target, VerifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return withSession(table, (source, ct) => CopyVerifier.Run(table, source, target, options ?? new VerifyOptions(), ct));
    }

    /// <summary><see cref="verifyCopy"/> for a table known by name only (its keys from DescribeTable of <paramref name="source"/>).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    [Pure]
    public static Aff<SessionEnv, VerifyResult> verifyCopyByName(string tableName, AwsSession source, AwsSession target, VerifyOptions? options = null) =>
        byName(tableName, source, target, (table, ct) => CopyVerifier.Run(table, source, target, options ?? new VerifyOptions(), ct));

    /// <summary>
    /// DescribeTable of <paramref name="tableName"/> as <paramref name="session"/> sees it (and names it: the session's
    /// <see cref="AwsSession.TableNames"/> apply to the name), for a table the program has no class for (a copy's source,
    /// before the copy): a failure names the table, the operation and the masked session.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Amazon.DynamoDBv2.Model.TableDescription> describeTableByName(string tableName, AwsSession session)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(session);
        return withEnv(async (_, ct) =>
        {
            var (name, target) = PhysicalTable.Named(session, tableName);
            return (await SessionCall.Run(session, "DescribeTable", target, (db, token) => db.DescribeTableAsync(name, token), ct).ConfigureAwait(false)).Table;
        });
    }

    /// <summary>Runs <paramref name="run"/> on the table <paramref name="source"/>'s DescribeTable says <paramref name="tableName"/> is.</summary>
    private static Aff<SessionEnv, R> byName<R>(
        string tableName, AwsSession source, AwsSession target, Func<DynamoTable, System.Threading.CancellationToken, System.Threading.Tasks.Task<R>> run, Action? check = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return withEnv(async (_, ct) =>
        {
            check?.Invoke();
            var (name, shown) = PhysicalTable.Named(source, tableName);
            var description = (await SessionCall.Run(source, "DescribeTable", shown, (db, token) => db.DescribeTableAsync(name, token), ct).ConfigureAwait(false)).Table;

            // The table is known by its logical name; each session then names it its own way, as for a mapped table.
            description.TableName = tableName;
            return await run(DescribedTable.From(description), ct).ConfigureAwait(false);
        });
    }
}

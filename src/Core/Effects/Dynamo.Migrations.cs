using System;
using System.Diagnostics.Contracts;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// Live migrations: a table bound to a mirrored session (<see cref="AwsSession.Mirrored"/>) is backfilled into the
/// secondary, reconciled until the secondary equals the primary, cut over (primary and secondary swapped for every
/// flow) and finally left unmirrored.
/// </summary>
public static partial class Dynamo
{
    /// <summary>
    /// Copies the primary of the mirrored session the table is bound to into its secondary while the table is written
    /// through the mirror: an item is put only where the secondary has none with its key (a mirrored state is never
    /// overwritten by an older scanned one), and keys deleted meanwhile are repaired from the primary afterwards (a
    /// deleted item is never brought back). Safe to run again. Follow it with <see cref="reconcile"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The table is not bound to a mirrored session.</exception>
    [Pure]
    public static Aff<SessionEnv, BackfillResult> backfill(DynamoTable table, BackfillOptions? options = null) =>
        withSession(table, (session, ct) => Backfill.Run(table, MirrorOf(table, session), options ?? new BackfillOptions(), ct));

    /// <summary>
    /// Compares the table's primary and secondary (as <see cref="verifyCopy"/> does) and repairs every key that differs
    /// and every key the mirror owes, the primary being the truth (re-read, then written or deleted on the secondary),
    /// pass after pass until one finds no difference (or <see cref="ReconcileOptions.MaxPasses"/> is reached:
    /// <see cref="ReconcileResult.Converged"/> says which).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The table is not bound to a mirrored session.</exception>
    [Pure]
    public static Aff<SessionEnv, ReconcileResult> reconcile(DynamoTable table, ReconcileOptions? options = null) =>
        withSession(table, (session, ct) => Reconciler.Run(table, MirrorOf(table, session), options ?? new ReconcileOptions(), ct));

    /// <summary>
    /// Swaps primary and secondary of the mirrored session the table is bound to, for every flow of the process at once
    /// (<see cref="SessionMirror.SwapAsync"/>): writes under way finish on both sides first; afterwards reads and writes
    /// go to the former secondary and are mirrored back to the former primary. A second cutover is a rollback.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The table is not bound to a mirrored session.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> cutover(DynamoTable table) =>
        withSession(table, async (session, ct) =>
        {
            await MirrorOf(table, session).SwapAsync(ct).ConfigureAwait(false);
            return unit;
        });

    /// <summary>
    /// <see cref="backfill"/> of a table the program has no class for, through <paramref name="mirrored"/> (a session made by
    /// <see cref="AwsSession.Mirrored"/>): its keys come from DescribeTable of the mirror's primary. How a separate
    /// process (the command-line tool) backfills a table the application writes through its own mirrors.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="mirrored"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="mirrored"/> is not mirrored.</exception>
    [Pure]
    public static Aff<SessionEnv, BackfillResult> backfillByName(string tableName, AwsSession mirrored, BackfillOptions? options = null)
    {
        var mirror = MirrorOf(tableName, mirrored);
        return byName(tableName, mirror.Primary, mirror.Secondary, (table, ct) => Backfill.Run(table, mirror, options ?? new BackfillOptions(), ct));
    }

    /// <summary><see cref="reconcile"/> of a table the program has no class for, through <paramref name="mirrored"/> (its keys from DescribeTable of the mirror's primary).</summary>
    /// <exception cref="ArgumentException"><paramref name="tableName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="mirrored"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="mirrored"/> is not mirrored.</exception>
    [Pure]
    public static Aff<SessionEnv, ReconcileResult> reconcileByName(string tableName, AwsSession mirrored, ReconcileOptions? options = null)
    {
        var mirror = MirrorOf(tableName, mirrored);
        return byName(tableName, mirror.Primary, mirror.Secondary, (table, ct) => Reconciler.Run(table, mirror, options ?? new ReconcileOptions(), ct));
    }

    private static SessionMirror MirrorOf(string tableName, AwsSession mirrored)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(mirrored);
        return mirrored.Mirror ?? throw new InvalidOperationException(
            $"Table {tableName} is to be moved through {mirrored}, which is not mirrored: make it with AwsSession.Mirrored(primary, secondary).");
    }

    private static SessionMirror MirrorOf(DynamoTable table, AwsSession session) =>
        session.Mirror ?? throw new InvalidOperationException(
            $"Table {table.Name} is bound to {session}, which is not mirrored: bind it to AwsSession.Mirrored(primary, secondary) first.");
}

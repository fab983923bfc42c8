using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>Live migrations of a table bound to a mirrored session, mirroring the core's <c>Dynamo.Migrations.cs</c>.</summary>
public static partial class TableOperations
{
    /// <summary>
    /// Copies the primary of the mirrored session the table is bound to into its secondary while the application writes
    /// through the mirror (conditional puts: a mirrored state is never overwritten; deletes made meanwhile repaired).
    /// </summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="System.InvalidOperationException">The table is not bound to a mirrored session.</exception>
    public static Task<BackfillResult> BackfillAsync(this DynamoTable table, BackfillOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.backfill(Check(table), options), cancellationToken);

    /// <summary>Compares the primary and the secondary and repairs every difference from the primary, pass after pass until one finds none.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="System.InvalidOperationException">The table is not bound to a mirrored session.</exception>
    public static Task<ReconcileResult> ReconcileAsync(this DynamoTable table, ReconcileOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.reconcile(Check(table), options), cancellationToken);

    /// <summary>Swaps primary and secondary of the mirror the table is bound to, for every flow of the process (a second call rolls back).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="System.InvalidOperationException">The table is not bound to a mirrored session.</exception>
    public static Task CutoverAsync(this DynamoTable table, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.cutover(Check(table)), cancellationToken);
}

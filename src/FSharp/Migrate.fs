namespace SessionEffects.FSharp

open LanguageExt
open SessionEffects

/// Live migration for F#: a table bound to a mirrored session (`AwsSession.Mirrored(primary, secondary)`) is
/// backfilled, reconciled until the secondary equals the primary, cut over (a second cutover rolls back), then left
/// unmirrored (`session.Mirror.StopAsync`). Curried with the table (or the mirrored session) last, so they pipe.
[<RequireQualifiedAccess>]
module Migrate =

    /// Copies the primary of the mirror the table is bound to into its secondary while it is written (conditional
    /// puts, deletes made meanwhile repaired), with the default options (4 segments, no rate limit).
    let backfill (table: DynamoTable) : Aff<SessionEnv, BackfillResult> = Dynamo.backfill (table, BackfillOptions())

    /// `backfill` with `options` (segments, page size, rate, progress, `OnCheckpoint`/`ResumeFrom`).
    let backfillWith (options: BackfillOptions) (table: DynamoTable) : Aff<SessionEnv, BackfillResult> = Dynamo.backfill (table, options)

    /// `backfillWith` of a table known by name only, through the mirrored session `mirrored`.
    let backfillByName (tableName: string) (options: BackfillOptions) (mirrored: AwsSession) : Aff<SessionEnv, BackfillResult> =
        Dynamo.backfillByName (tableName, mirrored, options)

    /// Compares primary and secondary and repairs every difference from the primary until a pass finds none (10 passes at most).
    let reconcile (table: DynamoTable) : Aff<SessionEnv, ReconcileResult> = Dynamo.reconcile (table, ReconcileOptions())

    /// `reconcile` with `options` (segments, passes, progress per pass).
    let reconcileWith (options: ReconcileOptions) (table: DynamoTable) : Aff<SessionEnv, ReconcileResult> = Dynamo.reconcile (table, options)

    /// `reconcileWith` of a table known by name only, through the mirrored session `mirrored`.
    let reconcileByName (tableName: string) (options: ReconcileOptions) (mirrored: AwsSession) : Aff<SessionEnv, ReconcileResult> =
        Dynamo.reconcileByName (tableName, mirrored, options)

    /// Swaps primary and secondary of the mirror the table is bound to, for every flow of the process at once (writes
    /// under way finish on both sides first); a second cutover rolls back.
    let cutover (table: DynamoTable) : Aff<SessionEnv, Unit> = Dynamo.cutover table

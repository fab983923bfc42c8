namespace SessionEffects.FSharp

open LanguageExt
open SessionEffects

/// Session switching for F#: options instead of nulls, body last so pipelines read well:
/// `body |> Session.useSession users (Some project)`.
[<RequireQualifiedAccess>]
module Session =

    /// Runs `body` with `table` bound to `session` and restores the binding afterwards (success, failure or
    /// cancellation). `None` changes nothing.
    let useSession (table: DynamoTable) (session: AwsSession option) (body: Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'a> =
        Scope.useSession (table, Option.toObj session, body, true)

    /// Binds `table` to `session` and keeps it after `body` (also after a failure). `None` changes nothing.
    let keepSession (table: DynamoTable) (session: AwsSession option) (body: Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'a> =
        Scope.useSession (table, Option.toObj session, body, false)

    /// `table` goes back to the default session (in the nearest visible binding).
    let resetConnection (table: DynamoTable) : Aff<SessionEnv, Unit> = Scope.resetConnection table |> SessionEffect.ignore

    /// The session `table` resolves to when the effect runs.
    let currentSession (table: DynamoTable) : Aff<SessionEnv, AwsSession> = Scope.currentSession table

    /// The physical name `table` has when the effect runs: its name as the session it resolves to names it
    /// (`AwsSession.TableNames`), which every operation on the table addresses then.
    let currentTableName (table: DynamoTable) : Aff<SessionEnv, string> = Scope.currentTableName table

    /// A table naming from optional parts: `Session.tableNames (Some "dev-") None [ "orders", "orders-v2" ]`. Aliases
    /// are final (no prefix, suffix or chaining). Raises `SessionConfigurationException` for an illegal part.
    let tableNames (prefix: string option) (suffix: string option) (aliases: (string * string) list) : TableNames =
        let withPrefix = prefix |> Option.fold (fun (n: TableNames) p -> n.WithPrefix p) TableNames.None
        let withSuffix = suffix |> Option.fold (fun (n: TableNames) s -> n.WithSuffix s) withPrefix
        aliases |> List.fold (fun (n: TableNames) (logical, physical) -> n.WithAlias(logical, physical)) withSuffix

    /// The same session with a table naming, for pipelines: `project |> Session.withTableNames (TableNames.Prefix "dev-")`.
    let withTableNames (names: TableNames) (session: AwsSession) : AwsSession = session.WithTableNames names

    /// The same session with every table name prefixed: `project |> Session.withTablePrefix "dev-"`.
    let withTablePrefix (prefix: string) (session: AwsSession) : AwsSession = session.WithTableNames(TableNames.Prefix prefix)

    /// The environment's default session: the one unbound tables use.
    let defaultSession: Aff<SessionEnv, AwsSession> = Scope.defaultSession ()

    /// A new environment where every table starts on `defaultSession`.
    let environment (defaultSession: AwsSession) : SessionEnv = SessionEnv.New(defaultSession)

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

    /// The environment's default session: the one unbound tables use.
    let defaultSession: Aff<SessionEnv, AwsSession> = Scope.defaultSession ()

    /// A new environment where every table starts on `defaultSession`.
    let environment (defaultSession: AwsSession) : SessionEnv = SessionEnv.New(defaultSession)

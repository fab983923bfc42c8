namespace SessionEffects.FSharp

open System
open System.ComponentModel
open System.Threading
open System.Threading.Tasks
open LanguageExt
open LanguageExt.Common
open SessionEffects

/// How `SessionEffect.runTask` and `SessionEffect.runAsync` run effects (the shared part; not for direct use).
module internal Running =

    /// Runs `effect` in `env`: `Ok` value or `Error` with the exception the failure carries.
    let toResult (env: SessionEnv) (effect: Aff<SessionEnv, 'a>) : Task<Result<'a, exn>> =
        task {
            let! fin = effect.Run env
            return
                if fin.IsSucc then Result<'a, exn>.Ok(fin.ThrowIfFail())
                else Result<'a, exn>.Error(fin.Match((fun _ -> exn "unreachable"), (fun (e: Error) -> e.ToException())))
        }

    /// Runs `effect` in `env`; a failure is raised as the exception it carries, with its original stack trace.
    let run (env: SessionEnv) (effect: Aff<SessionEnv, 'a>) : Task<'a> =
        task {
            match! toResult env effect with
            | Result.Ok value -> return value
            | Result.Error ex ->
                Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw()
                return Unchecked.defaultof<'a>
        }

/// The overloads `SessionEffect.runTask` and `SessionEffect.runAsync` choose from at compile time: an effect ending in
/// LanguageExt's `Unit` gives F#'s `unit` (so `do!` takes it in `task { }` and `async { }`), any other effect keeps
/// its result type. An implementation detail of those two inline functions: call them, not this type.
[<Sealed; AbstractClass; EditorBrowsable(EditorBrowsableState.Never)>]
type SessionEffectRunner =

    /// Runs an effect without a result as a `Task<unit>`.
    static member Run(effect: Aff<SessionEnv, Unit>, env: SessionEnv, _: SessionEffectRunner) : Task<unit> =
        task {
            let! (_: Unit) = Running.run env effect
            return ()
        }

    /// Runs an effect as a `Task` of its result.
    static member Run(effect: Aff<SessionEnv, 'a>, env: SessionEnv, _: SessionEffectRunner) : Task<'a> = Running.run env effect

    /// Never called: with the next overload, it makes the choice between the two above wait until the effect's type
    /// is known, so that an effect of a not-yet-known type never silently becomes `Aff<SessionEnv, Unit>`.
    static member Run(_: SessionEffectRunner, _: SessionEnv, _: SessionEffectRunner) : Task<SessionEffectRunner> =
        raise (NotSupportedException "SessionEffectRunner is not an effect.")

    /// Never called; see the previous overload.
    static member Run(_: Aff<SessionEnv, SessionEffectRunner>, _: SessionEnv, _: SessionEffectRunner) : Task<SessionEffectRunner> =
        raise (NotSupportedException "SessionEffectRunner is not an effect.")

    /// Runs an effect without a result as an `Async<unit>`.
    static member RunAsync(effect: Aff<SessionEnv, Unit>, env: SessionEnv, _: SessionEffectRunner) : Async<unit> =
        async {
            let! (_: Unit) = Running.run env effect |> Async.AwaitTask
            return ()
        }

    /// Runs an effect as an `Async` of its result.
    static member RunAsync(effect: Aff<SessionEnv, 'a>, env: SessionEnv, _: SessionEffectRunner) : Async<'a> =
        async { return! Running.run env effect |> Async.AwaitTask }

    /// Never called; see the third `Run`.
    static member RunAsync(_: SessionEffectRunner, _: SessionEnv, _: SessionEffectRunner) : Async<SessionEffectRunner> =
        raise (NotSupportedException "SessionEffectRunner is not an effect.")

    /// Never called; see the third `Run`.
    static member RunAsync(_: Aff<SessionEnv, SessionEffectRunner>, _: SessionEnv, _: SessionEffectRunner) : Async<SessionEffectRunner> =
        raise (NotSupportedException "SessionEffectRunner is not an effect.")

/// Functions over core effects (`Aff<SessionEnv, 'a>`) in F# style: pipelines, F# unit, Task and Async.
[<RequireQualifiedAccess>]
module SessionEffect =

    /// An effect that succeeds with `value`.
    let succeed (value: 'a) : Aff<SessionEnv, 'a> = Prelude.SuccessAff<SessionEnv, 'a> value

    /// An effect that fails with `error` (its exception reaches the caller unchanged).
    let fail<'a> (error: exn) : Aff<SessionEnv, 'a> = Prelude.FailAff<SessionEnv, 'a>(Error.New error)

    /// An effect from a function of the environment. Exceptions it throws, also from the task it returns, become failures.
    let ofRun (run: SessionEnv -> Task<Fin<'a>>) : Aff<SessionEnv, 'a> =
        Aff<SessionEnv, 'a>.EffectMaybe(fun env ->
            let guarded =
                task {
                    try
                        return! run env
                    with ex ->
                        return Prelude.FinFail<'a>(Error.New ex)
                }
            ValueTask<Fin<'a>>(guarded))

    /// Runs `effect` in `env`: `Ok` value or `Error` with the exception the failure carries.
    let toResult (env: SessionEnv) (effect: Aff<SessionEnv, 'a>) : Task<Result<'a, exn>> = Running.toResult env effect

    /// Runs `effect` in `env`; a failure is raised as the exception it carries (the SDK's own types for AWS errors).
    ///
    /// An `Aff<SessionEnv, 'a>` gives a `Task<'a>`; an effect without a result (`Aff<SessionEnv, LanguageExt.Unit>`)
    /// gives a `Task<unit>`, so `do! effect |> SessionEffect.runTask env` works in `task { }`. The choice is made at
    /// compile time (the function is `inline`), from the effect's type: a generic function that forwards an effect
    /// either annotates it (`(effect: Aff<SessionEnv, 'a>)`: it then gets `Task<'a>` for every `'a`, LanguageExt's
    /// `Unit` included) or is `inline` itself (its callers then get the `unit` behaviour too). Without either, the
    /// compiler asks for a type annotation rather than guessing.
    let inline runTask (env: SessionEnv) effect =
        let inline call (runner: ^runner, effect: ^e) =
            ((^runner or ^e): (static member Run: ^e * SessionEnv * ^runner -> _) (effect, env, runner))
        call (Unchecked.defaultof<SessionEffectRunner>, effect)

    /// Runs `effect` as an F# `Async`, in `env`. Like `runTask`: an effect without a result gives `Async<unit>`, any
    /// other effect `Async<'a>`.
    let inline runAsync (env: SessionEnv) effect =
        let inline call (runner: ^runner, effect: ^e) =
            ((^runner or ^e): (static member RunAsync: ^e * SessionEnv * ^runner -> _) (effect, env, runner))
        call (Unchecked.defaultof<SessionEffectRunner>, effect)

    /// An effect from Task-returning code, given the environment's cancellation token.
    let ofTask (work: CancellationToken -> Task<'a>) : Aff<SessionEnv, 'a> =
        ofRun (fun env ->
            task {
                let! value = work env.CancellationToken
                return Prelude.FinSucc value
            })

    /// An effect from an F# `Async`, started with the environment's cancellation token.
    let ofAsync (work: Async<'a>) : Aff<SessionEnv, 'a> =
        ofTask (fun ct -> Async.StartAsTask(work, cancellationToken = ct))

    /// Maps the result.
    let map (f: 'a -> 'b) (effect: Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'b> = effect.Map(Func<'a, 'b> f)

    /// Runs a side effect on the result (for logging, printing). Use it instead of `map` with a function returning
    /// F# `unit`: LanguageExt refuses the `null` that F#'s `()` is at run time.
    let iter (f: 'a -> unit) (effect: Aff<SessionEnv, 'a>) : Aff<SessionEnv, Unit> =
        map (fun a ->
            f a
            Unit.Default) effect

    /// Chains an effect that depends on the result.
    let bind (f: 'a -> Aff<SessionEnv, 'b>) (effect: Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'b> = effect.Bind(Func<'a, Aff<SessionEnv, 'b>> f)

    /// Forgets the result, ready for `do!`. (LanguageExt's `Unit`, not F# `unit`: F#'s `()` is `null` at run time,
    /// and LanguageExt refuses null results.)
    let ignore (effect: Aff<SessionEnv, 'a>) : Aff<SessionEnv, Unit> = map (fun _ -> Unit.Default) effect

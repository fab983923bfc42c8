namespace SessionEffects.FSharp

open System
open System.Threading
open System.Threading.Tasks
open LanguageExt
open LanguageExt.Common
open SessionEffects

/// Functions over core effects (`Aff<SessionEnv, 'a>`) in F# style: pipelines, F# unit, Task and Async.
[<RequireQualifiedAccess>]
module SessionEffect =

    /// An effect that succeeds with `value`.
    let succeed (value: 'a) : Aff<SessionEnv, 'a> = Prelude.SuccessAff<SessionEnv, 'a> value

    /// An effect that fails with `error` (its exception reaches the caller unchanged).
    let fail<'a> (error: exn) : Aff<SessionEnv, 'a> = Prelude.FailAff<SessionEnv, 'a>(Error.New error)

    /// An effect from a function of the environment. Exceptions it throws become failures.
    let ofRun (run: SessionEnv -> Task<Fin<'a>>) : Aff<SessionEnv, 'a> =
        Aff<SessionEnv, 'a>.EffectMaybe(fun env ->
            try
                ValueTask<Fin<'a>>(run env)
            with ex ->
                ValueTask<Fin<'a>>(Prelude.FinFail<'a>(Error.New ex)))

    /// Runs `effect` in `env`: `Ok` value or `Error` with the exception the failure carries.
    let toResult (env: SessionEnv) (effect: Aff<SessionEnv, 'a>) : Task<Result<'a, exn>> =
        task {
            let! fin = effect.Run env
            return
                if fin.IsSucc then Result<'a, exn>.Ok(fin.ThrowIfFail())
                else Result<'a, exn>.Error(fin.Match((fun _ -> exn "unreachable"), (fun (e: Error) -> e.ToException())))
        }

    /// Runs `effect` in `env`; a failure is raised as the exception it carries (the SDK's own types for AWS errors).
    let runTask (env: SessionEnv) (effect: Aff<SessionEnv, 'a>) : Task<'a> =
        task {
            match! toResult env effect with
            | Result.Ok value -> return value
            | Result.Error ex ->
                Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw()
                return Unchecked.defaultof<'a>
        }

    /// Runs `effect` as an F# `Async`, in `env`.
    let runAsync (env: SessionEnv) (effect: Aff<SessionEnv, 'a>) : Async<'a> = async { return! runTask env effect |> Async.AwaitTask }

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

namespace SessionEffects.FSharp

open System
open System.Collections.Generic
open System.Threading.Tasks
open LanguageExt
open LanguageExt.Common
open SessionEffects

/// The `sessionEffect { … }` computation expression: builds an `Aff<SessionEnv, 'a>` value (nothing runs until the
/// effect is run). `try … with` catches failures (as the exceptions they carry), `try … finally` and `use` always
/// clean up, `for` loops over sequences and over streams (`IAsyncEnumerable`, such as `Db.scanStream` gives, read one
/// page at a time), `while` loops. Effects without a result end in LanguageExt's `Unit` (F#'s `()` is null at run
/// time, which LanguageExt refuses); `do!` takes them, and `return Unit.Default` ends a block that has nothing to return.
type SessionEffectBuilder() =

    /// `return value`.
    member _.Return(value: 'a) : Aff<SessionEnv, 'a> = SessionEffect.succeed value

    /// `return ()` (and a trailing `do!`, which F# ends with `return ()`) gives LanguageExt's `Unit`.
    member _.Return(_: unit) : Aff<SessionEnv, Unit> = SessionEffect.succeed Unit.Default

    /// `return! effect`.
    member _.ReturnFrom(effect: Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'a> = effect

    /// The empty branch of an `if` without `else`.
    member _.Zero() : Aff<SessionEnv, Unit> = SessionEffect.succeed Unit.Default

    /// `let! value = effect`.
    member _.Bind(effect: Aff<SessionEnv, 'a>, f: 'a -> Aff<SessionEnv, 'b>) : Aff<SessionEnv, 'b> = SessionEffect.bind f effect

    /// Lets `do!` take effects that end in LanguageExt's `Unit`.
    member _.Bind(effect: Aff<SessionEnv, Unit>, f: unit -> Aff<SessionEnv, 'b>) : Aff<SessionEnv, 'b> =
        SessionEffect.bind (fun (_: Unit) -> f ()) effect

    /// Builds the effect each time it runs, so nothing runs when it is built.
    member _.Delay(f: unit -> Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'a> =
        SessionEffect.ofRun (fun env -> (f ()).Run(env).AsTask())

    /// Sequencing: `first`, then `second`.
    member _.Combine(first: Aff<SessionEnv, Unit>, second: Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'a> =
        SessionEffect.bind (fun (_: Unit) -> second) first

    /// `try … with`: a failure of `body` is handled as the exception it carries.
    member _.TryWith(body: Aff<SessionEnv, 'a>, handler: exn -> Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'a> =
        SessionEffect.ofRun (fun env ->
            task {
                let! result = body.Run env
                if result.IsSucc then
                    return result
                else
                    let ex = result.Match((fun _ -> exn "unreachable"), (fun (e: Error) -> e.ToException()))
                    return! (handler ex).Run(env)
            })

    /// `try … finally`: `compensation` runs after success and after failure.
    member _.TryFinally(body: Aff<SessionEnv, 'a>, compensation: unit -> unit) : Aff<SessionEnv, 'a> =
        SessionEffect.ofRun (fun env ->
            task {
                try
                    return! body.Run(env)
                finally
                    compensation ()
            })

    /// `use resource = …`: disposed when the rest of the block has run, after success and after failure.
    member this.Using(resource: 'r :> IDisposable, body: 'r -> Aff<SessionEnv, 'a>) : Aff<SessionEnv, 'a> =
        this.TryFinally(this.Delay(fun () -> body resource), fun () -> if not (isNull (box resource)) then resource.Dispose())

    /// `while guard do …`, stopping at the first failure.
    member _.While(guard: unit -> bool, body: Aff<SessionEnv, Unit>) : Aff<SessionEnv, Unit> =
        SessionEffect.ofRun (fun env ->
            task {
                let mutable result = Prelude.FinSucc(Unit.Default)
                while result.IsSucc && guard () do
                    let! next = body.Run env
                    result <- next
                return result
            })

    /// `for item in items do …`, in order, stopping at the first failure.
    member this.For(items: seq<'a>, body: 'a -> Aff<SessionEnv, Unit>) : Aff<SessionEnv, Unit> =
        this.Delay(fun () ->
            let e = items.GetEnumerator()
            this.TryFinally(this.While((fun () -> e.MoveNext()), this.Delay(fun () -> body e.Current)), fun () -> e.Dispose()))

    /// `for item in stream do …` over an `IAsyncEnumerable` (a `Db.scanStream`, `Db.queryStream` or `Db.fetchStream`
    /// result): reads the next item only when the body of the previous one has finished, so memory stays at one page;
    /// stops at the first failure, and once the environment's cancellation token is cancelled. The enumerator is
    /// disposed in every case.
    member _.For(items: IAsyncEnumerable<'a>, body: 'a -> Aff<SessionEnv, Unit>) : Aff<SessionEnv, Unit> =
        SessionEffect.ofRun (fun env ->
            task {
                use e = items.GetAsyncEnumerator(env.CancellationToken)
                let mutable result = Prelude.FinSucc(Unit.Default)
                let mutable more = true
                while more do
                    env.CancellationToken.ThrowIfCancellationRequested()
                    let! next = e.MoveNextAsync()
                    if next then
                        let! step = (body e.Current).Run env
                        result <- step
                        more <- step.IsSucc
                    else
                        more <- false
                return result
            })

/// Opens `sessionEffect { … }`.
[<AutoOpen>]
module SessionEffectBuilderInstance =
    /// Builds an `Aff<SessionEnv, 'a>` with F# syntax.
    let sessionEffect = SessionEffectBuilder()

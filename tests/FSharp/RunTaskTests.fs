/// `SessionEffect.runTask` / `runAsync`: an effect without a result gives F#'s `unit` (so `do!` takes it in `task { }`
/// and `async { }`), any other effect keeps its type; and the builder's `for` over streams.
module SessionEffects.FSharp.Tests.RunTaskTests

open System
open System.Collections.Generic
open System.Threading
open System.Threading.Tasks
open LanguageExt
open SessionEffects
open SessionEffects.FSharp
open Xunit

let private env () =
    Session.environment (AwsSession.FromKeys("FsRunTaskKey0000", "never-used", "us-east-1").WithEndpoint("http://127.0.0.1:9"))

/// A generic caller that annotates the effect: it gets `Task<'a>` for every `'a`.
let private runAnnotated (effect: Aff<SessionEnv, 'a>) : Task<'a> = SessionEffect.runTask (env ()) effect

/// A generic inline caller: its callers get the `unit` behaviour too.
let inline private runInline effect = SessionEffect.runTask (env ()) effect

[<Fact>]
let ``do! takes runTask of a unit effect inside task { }, and other effects keep their type`` () =
    task {
        let log = List<int>()
        let unitEffect: Aff<SessionEnv, Unit> = SessionEffect.succeed 1 |> SessionEffect.iter log.Add

        do! unitEffect |> SessionEffect.runTask (env ())
        do! SessionEffect.runTask (env ()) unitEffect
        let asTask: Task<unit> = SessionEffect.runTask (env ()) unitEffect
        do! asTask
        do! runInline unitEffect
        let! (annotated: Unit) = runAnnotated unitEffect
        let! number = SessionEffect.succeed 41 |> SessionEffect.map ((+) 1) |> SessionEffect.runTask (env ())
        let! text = runInline (SessionEffect.succeed "x")
        let! viaGeneric = runAnnotated (SessionEffect.succeed [ 1; 2 ])

        Assert.Equal<int list>([ 1; 1; 1; 1; 1 ], List.ofSeq log)
        Assert.Equal(Unit.Default, annotated)
        Assert.Equal((42, "x", [ 1; 2 ]), (number, text, viaGeneric))
    }

[<Fact>]
let ``a failing unit effect raises its exception unchanged at do!`` () =
    task {
        let boom = InvalidOperationException "boom"
        let failing: Aff<SessionEnv, Unit> = SessionEffect.fail boom
        let! ex =
            Assert.ThrowsAsync<InvalidOperationException>(fun () ->
                task { do! failing |> SessionEffect.runTask (env ()) } :> Task)
        Assert.Same(boom, ex)
    }

[<Fact>]
let ``runAsync gives Async<unit> for a unit effect and Async<'a> otherwise`` () =
    task {
        let log = List<string>()
        let program =
            async {
                do! SessionEffect.succeed "a" |> SessionEffect.iter log.Add |> SessionEffect.runAsync (env ())
                let! n = SessionEffect.succeed 7 |> SessionEffect.runAsync (env ())
                return n
            }
        let! n = Async.StartAsTask program
        Assert.Equal(7, n)
        Assert.Equal<string list>([ "a" ], List.ofSeq log)
    }

/// A stream of `items` that records what happens to it.
let private recordingStream (items: int list) (log: List<string>) =
    { new IAsyncEnumerable<int> with
        member _.GetAsyncEnumerator(ct) =
            let e = (Seq.ofList items).GetEnumerator()
            { new IAsyncEnumerator<int> with
                member _.Current = e.Current
                member _.MoveNextAsync() =
                    ct.ThrowIfCancellationRequested()
                    let more = e.MoveNext()
                    if more then log.Add $"read {e.Current}"
                    ValueTask<bool>(more)
                member _.DisposeAsync() =
                    log.Add "disposed"
                    ValueTask() } }

[<Fact>]
let ``for over a stream reads one item after the body of the previous one, stops at the first failure, and disposes`` () =
    task {
        let log = List<string>()
        let body fails =
            sessionEffect {
                for i in recordingStream [ 1; 2; 3 ] log do
                    log.Add $"body {i}"
                    if fails && i = 2 then
                        return! SessionEffect.fail (exn "stop at 2")
            }
        do! body false |> SessionEffect.runTask (env ())
        Assert.Equal<string list>([ "read 1"; "body 1"; "read 2"; "body 2"; "read 3"; "body 3"; "disposed" ], List.ofSeq log)

        log.Clear()
        let! stopped = body true |> SessionEffect.toResult (env ())
        Assert.True((function Error _ -> true | Ok _ -> false) stopped)
        Assert.Equal<string list>([ "read 1"; "body 1"; "read 2"; "body 2"; "disposed" ], List.ofSeq log)
    }

[<Fact>]
let ``Stream.fold and Stream.iter consume a stream in order; a cancelled environment stops before reading`` () =
    task {
        let log = List<string>()
        let stream = SessionEffect.succeed (recordingStream [ 1; 2; 3 ] log)
        let! sum = stream |> Stream.fold (fun acc i -> acc * 10 + i) 0 |> SessionEffect.runTask (env ())
        let seen = List<int>()
        do! stream |> Stream.iter (fun i -> SessionEffect.succeed i |> SessionEffect.iter seen.Add) |> SessionEffect.runTask (env ())
        Assert.Equal(123, sum)
        Assert.Equal<int list>([ 1; 2; 3 ], List.ofSeq seen)

        use cancelled = new CancellationTokenSource()
        cancelled.Cancel()
        log.Clear()
        let cancelledEnv =
            SessionEnv.New(AwsSession.FromKeys("FsRunTaskKey0000", "never-used", "us-east-1").WithEndpoint("http://127.0.0.1:9"), cancelled.Token)
        let! result = stream |> Stream.iter (fun _ -> SessionEffect.succeed Unit.Default) |> SessionEffect.toResult cancelledEnv
        match result with
        | Error(:? OperationCanceledException) -> ()
        | other -> failwith $"expected a cancellation, got {other}"
        Assert.DoesNotContain("read 1", log)
    }

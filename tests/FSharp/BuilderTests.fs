/// The `sessionEffect` computation expression keeps the effect semantics: nothing runs until run, failures are
/// caught by `try … with` unchanged, `finally` and `use` always clean up, loops run in order.
module SessionEffects.FSharp.Tests.BuilderTests

open System
open SessionEffects
open SessionEffects.FSharp
open Xunit

let private env () =
    Session.environment (AwsSession.FromKeys("FsBuilderKey0000", "never-used", "us-east-1").WithEndpoint("http://127.0.0.1:9"))

/// Annotated, so it stays generic (see `SessionEffect.runTask`).
let private run (effect: LanguageExt.Aff<SessionEnv, 'a>) = SessionEffect.runTask (env ()) effect

[<Fact>]
let ``building an effect runs nothing; running it runs it each time`` () =
    task {
        let mutable runs = 0
        let effect =
            sessionEffect {
                runs <- runs + 1
                return runs
            }
        Assert.Equal(0, runs)
        let! first = run effect
        let! second = run effect
        Assert.Equal((1, 2), (first, second))
    }

[<Fact>]
let ``try-with catches a failure as the very exception it carries`` () =
    task {
        let boom = InvalidOperationException "boom"
        let! caught =
            run (
                sessionEffect {
                    try
                        return! SessionEffect.fail boom
                    with ex ->
                        return ex
                }
            )
        Assert.Same(boom, caught)
    }

[<Fact>]
let ``an uncaught failure reaches runTask's caller unchanged`` () =
    task {
        let boom = ArgumentException "bad"
        let! ex = Assert.ThrowsAsync<ArgumentException>(fun () -> run (SessionEffect.fail<int> boom) :> Threading.Tasks.Task)
        Assert.Same(boom, ex)
        let! result = SessionEffect.toResult (env ()) (SessionEffect.fail<int> boom)
        Assert.Equal(Result<int, exn>.Error boom, result)
    }

[<Fact>]
let ``finally and use clean up after success and after failure`` () =
    task {
        let log = Collections.Generic.List<string>()
        let disposable name = { new IDisposable with member _.Dispose() = log.Add $"dispose {name}" }
        let body fails =
            sessionEffect {
                use _ = disposable (if fails then "failing" else "ok")
                try
                    if fails then
                        return! SessionEffect.fail (exn "stop")
                    else
                        return 1
                finally
                    log.Add "finally"
            }
        let! ok = run (body false)
        let! failed = SessionEffect.toResult (env ()) (body true)
        Assert.Equal(1, ok)
        Assert.True((function Error _ -> true | Ok _ -> false) failed)
        Assert.Equal<string list>([ "finally"; "dispose ok"; "finally"; "dispose failing" ], List.ofSeq log)
    }

[<Fact>]
let ``for and while loop in order and stop at the first failure`` () =
    task {
        let seen = Collections.Generic.List<int>()
        let! _ =
            run (
                sessionEffect {
                    for i in [ 1; 2; 3 ] do
                        seen.Add i
                    let mutable n = 0
                    while n < 2 do
                        n <- n + 1
                        seen.Add(10 * n)
                    return ()
                }
            )
        Assert.Equal<int list>([ 1; 2; 3; 10; 20 ], List.ofSeq seen)

        seen.Clear()
        let! stopped =
            SessionEffect.toResult (env ()) (
                sessionEffect {
                    for i in [ 1; 2; 3 ] do
                        seen.Add i
                        if i = 2 then
                            return! SessionEffect.fail (exn "stop at 2")
                }
            )
        Assert.True((function Error _ -> true | Ok _ -> false) stopped)
        Assert.Equal<int list>([ 1; 2 ], List.ofSeq seen)
    }

[<Fact>]
let ``Task and Async convert both ways`` () =
    task {
        let! fromTask = run (SessionEffect.ofTask (fun _ -> Threading.Tasks.Task.FromResult 41) |> SessionEffect.map ((+) 1))
        let! fromAsync = SessionEffect.ofAsync (async { return "a" }) |> SessionEffect.runAsync (env ()) |> Async.StartAsTask
        Assert.Equal(42, fromTask)
        Assert.Equal("a", fromAsync)
    }

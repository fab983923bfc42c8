/// The F# session functions follow SPEC.md: options for "none", restore vs keep, reset.
module SessionEffects.FSharp.Tests.SessionTests

open SessionEffects
open SessionEffects.FSharp
open SessionEffects.Samples.FSharp
open Xunit

let private session key = AwsSession.FromKeys(key, "never-used", "us-east-1").WithEndpoint("http://127.0.0.1:9")

[<Fact>]
let ``useSession restores, keepSession keeps, None changes nothing, reset goes back to the default`` () =
    task {
        let d, a, b = session "FsDefaultKey0000", session "FsSessionKeyA000", session "FsSessionKeyB000"
        let users = Scenario.users
        let program =
            sessionEffect {
                let! inside = Session.currentSession users |> Session.useSession users (Some a)
                let! afterRestore = Session.currentSession users
                let! kept = Session.currentSession users |> Session.keepSession users (Some b)
                let! afterKeep = Session.currentSession users
                let! none = Session.currentSession users |> Session.useSession users None
                do! Session.resetConnection users
                let! afterReset = Session.currentSession users
                let! defaultInside = Session.defaultSession |> Session.useSession users (Some a)
                return [ inside; afterRestore; kept; afterKeep; none; afterReset; defaultInside ]
            }
        let! seen = program |> SessionEffect.runTask (Session.environment d)
        Assert.Equal<AwsSession list>([ a; d; b; b; b; d; d ], seen)
    }

/// The cross-account demo written in F#: the core's effects, the `sessionEffect` computation expression and the
/// F# helpers. Every step is a value; `run` composes them and runs them once.
module SessionEffects.Samples.FSharp.Scenario

open Amazon.DynamoDBv2.DataModel
open SessionEffects
open SessionEffects.FSharp

/// The table mapping used against both accounts.
[<DynamoDBTable("session-effects-fsharp-users")>]
type User() =
    [<DynamoDBHashKey("id")>]
    member val Id = "" with get, set

    [<DynamoDBProperty("name")>]
    member val Name = "" with get, set

let users = Db.table<User> ()

/// Copies every user from the project account into the default account; returns how many.
let copyAll (project: AwsSession) =
    sessionEffect {
        do! Db.createTable users                                                // in the default account
        let! items = Db.scan users |> Session.useSession users (Some project)   // read in the project account
        do! Db.batchSave users items                                            // write into the default account
        return List.length items
    }

/// The whole demo: prepare the project account, show keep/restore/none/reset, copy, verify, clean up.
let demo (project: AwsSession) (log: string -> unit) =
    let say text = Session.currentSession users |> SessionEffect.iter (fun s -> log $"{text}  [served by {s}]")
    sessionEffect {
        let! inDefault = Db.tableExists users
        let! inProject = Db.tableExists users |> Session.useSession users (Some project)
        do! say $"the table exists in the default account: {inDefault}, in the project account: {inProject}"

        do! Db.createTable users |> Session.useSession users (Some project)
        do! say "created the table in the project account (restore scope)"

        try
            do! Db.save users (User(Id = "1", Name = "Alice"))
            return! SessionEffect.fail (exn "the default account unexpectedly accepted the save")
        with :? Amazon.DynamoDBv2.Model.ResourceNotFoundException ->
            do! say "saving through the default account fails as it should"

        do! Db.save users (User(Id = "1", Name = "Alice")) |> Session.keepSession users (Some project)
        do! Db.save users (User(Id = "2", Name = "Bob"))
        do! say "saved Alice with keep, then Bob without re-entering"

        let! alice = Db.get users "1" |> Session.useSession users None
        do! say $"a None session changes nothing: {alice |> ValueOption.map _.Name}"

        do! Session.resetConnection users
        do! say "reset: the default account again"

        let! copied = copyAll project
        let! names = Db.scan users |> SessionEffect.map (List.map _.Name >> List.sort)
        do! say $"copied {copied} user(s) into the default account: {names}"
        if names <> [ "Alice"; "Bob" ] then
            return! SessionEffect.fail (exn $"verification failed: {names}")

        for account in [ None; Some project ] do
            do! Db.deleteTable users |> Session.useSession users account
        do! say "cleaned up both accounts"
        return names
    }

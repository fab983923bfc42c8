open Amazon.DynamoDBv2.DataModel
open SessionEffects             // AwsSession
open SessionEffects.FSharp      // sessionEffect { }, Db, Session, SessionEffect
open SessionEffects.Testing     // DynamoDbLocal: Amazon's DynamoDB Local, started and stopped here

[<DynamoDBTable("users")>]
type User() =
    [<DynamoDBHashKey("id")>]
    member val Id = "" with get, set

    [<DynamoDBProperty("name")>]
    member val Name = "" with get, set

let users = Db.table<User> ()   // the table mapping, as a value

/// Copies every user from the project account into the default account; returns how many.
let copyAll (project: AwsSession) =
    sessionEffect {
        do! Db.createTable users                                                // in the default account
        let! items = Db.scan users |> Session.useSession users (Some project)   // read in the project account
        do! Db.batchSave users items                                            // write into the default account
        return List.length items
    }

[<EntryPoint>]
let main _ =
    task {
        use! local = DynamoDbLocal.StartAsync()           // in memory, on a free loopback port
        use defaultAccount = local.NewAccount "Default"   // one database per access key: two accounts
        use project = local.NewAccount "Project"
        let env = Session.environment defaultAccount      // the default session of this run

        let seed =
            sessionEffect {
                do! Db.createTable users
                do! Db.batchSave users [ User(Id = "1", Name = "Alice"); User(Id = "2", Name = "Bob") ]
            }
        do! seed |> Session.useSession users (Some project) |> SessionEffect.runTask env

        let! copied = copyAll project |> SessionEffect.runTask env
        let! names = Db.scan users |> SessionEffect.map (List.map _.Name >> List.sort) |> SessionEffect.runTask env
        printfn "copied %d user(s) into the default account: %s" copied (String.concat ", " names)
        return 0
    }
    |> fun run -> run.GetAwaiter().GetResult()

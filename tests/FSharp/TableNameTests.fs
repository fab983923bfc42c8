/// Table namings from F# (issue 23): `Session.withTablePrefix`, `Session.tableNames`, `Session.currentTableName`,
/// against DynamoDB Local: the prefixed session reaches `dev-fs-accounts`, the plain one `fs-accounts`.
module SessionEffects.FSharp.Tests.TableNameTests

open SessionEffects
open SessionEffects.FSharp
open SessionEffects.FSharp.Tests.Fixtures
open Xunit

[<Fact>]
let ``a prefixed session and a plain one of the same account reach two physical tables`` () =
    task {
        let key = newKey "FsNamed"
        let! plain = sessionFor key
        use _ = plain
        use dev = plain |> Session.withTablePrefix "dev-"
        let env = Session.environment plain
        let! names =
            sessionEffect {
                do! Db.createTable accounts
                do! Db.createTable accounts |> Session.useSession accounts (Some dev)
                do! Db.save accounts (account "a1" "plain" 1)
                do! Db.save accounts (account "a2" "dev" 2) |> Session.useSession accounts (Some dev)
                let! plainName = Session.currentTableName accounts
                let! devName = Session.currentTableName accounts |> Session.useSession accounts (Some dev)
                let! plainCount = Db.count accounts
                let! devItem = Db.get accounts "a2" |> Session.useSession accounts (Some dev)
                return plainName, devName, plainCount, devItem |> ValueOption.map _.Owner
            }
            |> SessionEffect.runTask env
        Assert.Equal(("fs-accounts", "dev-fs-accounts", 1L, ValueSome "dev"), names)
        let! tables = rawTableNames key
        Assert.Equal<string list>([ "dev-fs-accounts"; "fs-accounts" ], List.sort tables)
    }

[<Fact>]
let ``tableNames builds a naming from options and refuses an illegal part`` () =
    let names = Session.tableNames (Some "dev-") (Some "-v2") [ "fs-ledger", "ledger-2026" ]
    Assert.Equal("dev-fs-accounts-v2", names.Resolve "fs-accounts")
    Assert.Equal("ledger-2026", names.Resolve "fs-ledger")
    Assert.Equal(TableNames.None, Session.tableNames None None [])
    Assert.Throws<SessionConfigurationException>(fun () -> Session.tableNames (Some "dev/") None [] |> ignore) |> ignore

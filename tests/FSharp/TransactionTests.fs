/// `Db.transactWrite` / `Db.transactGet` with `Part` against DynamoDB Local: all or nothing, the same-session rule,
/// reading parts back with `Db.find`.
module SessionEffects.FSharp.Tests.TransactionTests

open System
open Amazon.DynamoDBv2.Model
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.FSharp.Tests.Fixtures
open Xunit

/// Moves `amount` from one account to another, only if the payer has it; records the move in the ledger.
let private transfer (from: string) (to': string) (amount: int) (entry: string) =
    Db.transactWrite
        [ ItemUpdate.Of<Account>().Add((fun a -> a.Balance), -amount).When(fun a -> a.Balance >= amount) |> Part.update accounts from
          ItemUpdate.Of<Account>().Add((fun a -> a.Balance), amount) |> Part.update accounts to'
          Entry(Id = entry, Text = $"{from} -> {to'}: {amount}") |> Part.putWhen ledger (Condition.itemDoesNotExist ledger) ]

let private balances =
    sessionEffect {
        let! a = Db.get accounts "alice"
        let! b = Db.get accounts "bob"
        let! entries = Db.count ledger
        return (a |> ValueOption.map _.Balance), (b |> ValueOption.map _.Balance), entries
    }

[<EngineFact(SessionEffects.TestSupport.EngineFeature.Transactions)>]
let ``a transfer moves the balance and writes the ledger entry together, or does nothing at all`` () =
    task {
        let! session, env = newEnv "FsTxW"
        use _ = session
        do! sessionEffect {
                do! Db.createTable accounts
                do! Db.createTable ledger
                do! Db.save accounts (account "alice" "Alice" 100)
                do! Db.save accounts (account "bob" "Bob" 0)
            }
            |> SessionEffect.runTask env

        do! transfer "alice" "bob" 60 "t1" |> SessionEffect.runTask env
        let! afterFirst = balances |> SessionEffect.runTask env
        Assert.Equal((ValueSome 40, ValueSome 60, 1L), afterFirst)

        let! refused = Fails<TransactionCanceledException>.With(env, transfer "alice" "bob" 60 "t2")
        let! afterRefused = balances |> SessionEffect.runTask env
        Assert.Equal((ValueSome 40, ValueSome 60, 1L), afterRefused)
        Assert.Contains("ConditionalCheckFailed", refused.Message)

        // A repeated entry id fails the whole transaction too: the balances do not move.
        let! _ = Fails<TransactionCanceledException>.With(env, transfer "alice" "bob" 10 "t1")
        let! afterDuplicate = balances |> SessionEffect.runTask env
        Assert.Equal((ValueSome 40, ValueSome 60, 1L), afterDuplicate)
    }

[<EngineFact(SessionEffects.TestSupport.EngineFeature.Transactions)>]
let ``check, delete, deleteItem and raw update parts; an idempotency token is passed to DynamoDB`` () =
    task {
        let! session, env = newEnv "FsTxP"
        use _ = session
        let doc = Doc(Id = "d", Text = "v0")
        do! sessionEffect {
                do! Db.createTable accounts
                do! Db.createTable orders
                do! Db.createTable docs
                do! Db.save accounts (account "alice" "Alice" 100)
                do! Db.save accounts (account "carol" "Carol" 5)
                do! Db.save orders (order "c1" 1 "open")
                do! Db.save orders (order "c1" 2 "open")
                do! Db.save docs doc
            }
            |> SessionEffect.runTask env

        let isAlice = Condition.where<Account> <@ fun a -> a.Owner = "Alice" @>
        do! Db.transactWriteWith "token-1"
                [ Part.check accounts isAlice (ItemKey.Of "alice")
                  Part.delete accounts "carol"
                  Part.deleteRange orders "c1" 1
                  Part.deleteWhen orders (DynamoCondition.For<Order>(fun o -> o.Status = "open")) (ItemKey.Of("c1", 2))
                  ItemUpdate.Set("legacy_flag", true) |> Part.updateRaw docs (ItemKey.Of "d")
                  ItemUpdate.Of<Order>().Set((fun o -> o.Status), "new in c2") |> Part.updateRange orders "c2" 5 ]
            |> SessionEffect.runTask env
        let! carol, c1, c2, updatedDoc =
            sessionEffect {
                let! carol = Db.get accounts "carol"
                let! c1 = Db.countQuery orders "c1"
                let! c2 = Db.query orders "c2"
                let! d = Db.get docs "d"
                return carol, c1, c2, d
            }
            |> SessionEffect.runTask env
        Assert.True carol.IsNone
        Assert.Equal(0L, c1)
        Assert.Equal<(int * string) list>([ 5, "new in c2" ], c2 |> List.map (fun o -> o.Seq, o.Status))
        Assert.Equal(ValueSome(Nullable 1), updatedDoc |> ValueOption.map _.Version)

        // The doc object still holds version 0: a versioned delete part of it is stale and fails; a fresh one succeeds.
        let! _ = Fails<TransactionCanceledException>.With(env, Db.transactWrite [ Part.deleteItem docs doc ])
        let fresh = updatedDoc.Value
        do! Db.transactWrite [ Part.deleteItem docs fresh; Part.put accounts (account "dave" "Dave" 1) ] |> SessionEffect.runTask env
        let! gone = Db.get docs "d" |> SessionEffect.runTask env
        Assert.True gone.IsNone

        let! tooLong = Fails<ArgumentException>.With(env, Db.transactWriteWith (String('x', 37)) [ Part.put accounts (account "erin" "Erin" 1) ])
        Assert.Contains("token", tooLong.Message)
        let! noErin = Db.get accounts "erin" |> SessionEffect.runTask env
        Assert.True noErin.IsNone
    }

[<EngineFact(SessionEffects.TestSupport.EngineFeature.Transactions)>]
let ``a transaction over two tables bound to different accounts is refused before anything is written`` () =
    task {
        let! session, env = newEnv "FsTxX"
        use _ = session
        let projectKey = newKey "FsTxY"
        use! project = sessionFor projectKey
        do! sessionEffect {
                do! Db.createTable accounts
                do! Db.createTable ledger
                do! Db.createTable accounts |> Session.useSession accounts (Some project)
                do! Db.createTable ledger |> Session.useSession ledger (Some project)
            }
            |> SessionEffect.runTask env

        let parts = [ Part.put accounts (account "alice" "Alice" 1); Part.put ledger (Entry(Id = "e1", Text = "x")) ]
        let! refused = Fails<TransactionSessionException>.With(env, Db.transactWrite parts |> Session.useSession ledger (Some project))
        let! refusedGet =
            Fails<TransactionSessionException>.With(env, Db.transactGet [ Part.get accounts "alice"; Part.get ledger "e1" ] |> Session.useSession accounts (Some project))
        let! counts =
            sessionEffect {
                let! a = Db.count accounts
                let! l = Db.count ledger
                let! pa = Db.count accounts |> Session.useSession accounts (Some project)
                let! pl = Db.count ledger |> Session.useSession ledger (Some project)
                return [ a; l; pa; pl ]
            }
            |> SessionEffect.runTask env
        Assert.Equal<int64 list>([ 0L; 0L; 0L; 0L ], counts)
        Assert.Contains("fs-accounts", refused.Message)
        Assert.Contains("fs-ledger", refused.Message)
        Assert.Equal(2, refusedGet.Resolved.Count)

        // Bound to the same account, the same parts commit.
        do! Db.transactWrite parts |> Session.useSession ledger (Some project) |> Session.useSession accounts (Some project) |> SessionEffect.runTask env
        let! inProject = Db.count ledger |> Session.useSession ledger (Some project) |> SessionEffect.runTask env
        Assert.Equal(1L, inProject)
    }

[<EngineFact(SessionEffects.TestSupport.EngineFeature.Transactions)>]
let ``transactGet reads parts of two tables; Db.find gives each part's item as an option`` () =
    task {
        let! session, env = newEnv "FsTxG"
        use _ = session
        let alicePart = Part.get accounts "alice"
        let missingPart = Part.get accounts "nobody"
        let orderPart = Part.getRange orders "c1" 2
        let! result =
            sessionEffect {
                do! Db.createTable accounts
                do! Db.createTable orders
                do! Db.save accounts (account "alice" "Alice" 7)
                do! Db.save orders (order "c1" 2 "paid")
                return! Db.transactGet [ alicePart; missingPart; orderPart ]
            }
            |> SessionEffect.runTask env
        Assert.Equal(Some 7, result |> Db.find alicePart |> Option.map _.Balance)
        Assert.Equal(None, result |> Db.find missingPart |> Option.map _.Balance)
        Assert.Equal(Some "paid", result |> Db.find orderPart |> Option.map _.Status)
        Assert.Equal(3, result.Count)
        Assert.Throws<ArgumentException>(fun () -> result |> Db.find (Part.get accounts "alice") |> ignore) |> ignore
    }

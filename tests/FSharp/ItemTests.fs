/// `Db`'s single-item functions against DynamoDB Local: conditions, optimistic locking and typed updates from F#.
module SessionEffects.FSharp.Tests.ItemTests

open System
open Amazon.DynamoDBv2.Model
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.FSharp.Tests.Fixtures
open Xunit

[<Fact>]
let ``save, get, getWith, delete by hash key; getRange and deleteRange by hash and range key`` () =
    task {
        let! session, env = newEnv "FsItm"
        use _ = session
        let! found =
            sessionEffect {
                do! Db.createTable accounts
                do! Db.createTable orders
                do! Db.save accounts (account "a" "Ann" 10)
                do! Db.save orders (order "c1" 1 "open")
                do! Db.save orders (order "c1" 2 "open")
                let! a = Db.get accounts "a"
                let! missing = Db.get accounts "zz"
                let! consistent = Db.getWith accounts true (ItemKey.Of "a")
                let! o2 = Db.getRange orders "c1" 2
                let! o2ByKey = Db.getWith orders false (ItemKey.Of("c1", 2))
                do! Db.delete accounts "a"
                do! Db.deleteRange orders "c1" 1
                let! aAfter = Db.get accounts "a"
                let! o1After = Db.getRange orders "c1" 1
                let! o2After = Db.getRange orders "c1" 2
                return
                    (a |> ValueOption.map _.Owner, missing.IsNone, consistent |> ValueOption.map _.Balance, o2 |> ValueOption.map _.Seq,
                     o2ByKey |> ValueOption.map _.Seq, aAfter.IsNone, o1After.IsNone, o2After.IsSome)
            }
            |> SessionEffect.runTask env
        Assert.Equal((ValueSome "Ann", true, ValueSome 10, ValueSome 2, ValueSome 2, true, true, true), found)
    }

[<Fact>]
let ``saveWhen refuses with ConditionalCheckFailedException when the condition fails and changes nothing`` () =
    task {
        let! session, env = newEnv "FsSvW"
        use _ = session
        do! sessionEffect {
                do! Db.createTable accounts
                do! Db.saveWhen accounts (Condition.itemDoesNotExist accounts) (account "a" "Ann" 10)
            }
            |> SessionEffect.runTask env

        let! _ = Fails<ConditionalCheckFailedException>.With(env, Db.saveWhen accounts (Condition.itemDoesNotExist accounts) (account "a" "Mallory" 0))
        let! _ = Fails<ConditionalCheckFailedException>.With(env, account "a" "Mallory" 0 |> Db.saveWhen accounts (DynamoCondition.For<Account>(fun a -> a.Balance > 100)))
        do! account "a" "Ann" 11 |> Db.saveWhen accounts (Condition.where <@ fun (a: Account) -> a.Balance = 10 && a.Owner = "Ann" @>)
            |> SessionEffect.runTask env

        let! stored = Db.get accounts "a" |> SessionEffect.runTask env
        Assert.Equal(ValueSome("Ann", 11), stored |> ValueOption.map (fun a -> a.Owner, a.Balance))
    }

[<Fact>]
let ``deleteWhen deletes only when the condition holds`` () =
    task {
        let! session, env = newEnv "FsDlW"
        use _ = session
        do! sessionEffect {
                do! Db.createTable orders
                do! Db.save orders (order "c1" 1 "open")
            }
            |> SessionEffect.runTask env
        let shipped = DynamoCondition.For<Order>(fun o -> o.Status = "shipped")

        let! _ = Fails<ConditionalCheckFailedException>.With(env, Db.deleteWhen orders shipped (ItemKey.Of("c1", 1)))
        let! still = Db.getRange orders "c1" 1 |> SessionEffect.runTask env
        do! Db.deleteWhen orders (shipped.Not()) (ItemKey.Of("c1", 1)) |> SessionEffect.runTask env
        let! gone = Db.getRange orders "c1" 1 |> SessionEffect.runTask env

        Assert.True still.IsSome
        Assert.True gone.IsNone
    }

[<Fact>]
let ``a versioned item: save numbers versions, a stale save or deleteItem fails and changes nothing`` () =
    task {
        let! session, env = newEnv "FsVer"
        use _ = session
        let doc = Doc(Id = "d", Text = "v0")
        do! sessionEffect {
                do! Db.createTable docs
                do! Db.save docs doc
            }
            |> SessionEffect.runTask env
        Assert.Equal(Nullable 0, doc.Version)

        let! stale = Db.get docs "d" |> SessionEffect.map ValueOption.get |> SessionEffect.runTask env
        doc.Text <- "v1"
        do! Db.save docs doc |> SessionEffect.runTask env
        Assert.Equal(Nullable 1, doc.Version)

        stale.Text <- "lost update"
        let! _ = Fails<ConditionalCheckFailedException>.With(env, Db.save docs stale)
        let! _ = Fails<ConditionalCheckFailedException>.With(env, Db.deleteItem docs stale)
        let! _ = Fails<ConditionalCheckFailedException>.With(env, Db.deleteItemWhen docs (DynamoCondition.For<Doc>(fun d -> d.Text = "other")) doc)
        let! stored = Db.get docs "d" |> SessionEffect.runTask env
        Assert.Equal(ValueSome("v1", Nullable 1), stored |> ValueOption.map (fun d -> d.Text, d.Version))

        do! Db.deleteItem docs doc |> SessionEffect.runTask env
        let! gone = Db.get docs "d" |> SessionEffect.runTask env
        Assert.True gone.IsNone
    }

[<Fact>]
let ``typed updates written with F# lambdas set, add and remove through the mapping; When fails cleanly`` () =
    task {
        let! session, env = newEnv "FsUpd"
        use _ = session
        let a = account "a" "Ann" 10
        a.Note <- "to remove"
        do! sessionEffect {
                do! Db.createTable accounts
                do! Db.save accounts a
            }
            |> SessionEffect.runTask env

        let! updated =
            ItemUpdate.Of<Account>().Set((fun x -> x.Owner), "Bo").Add((fun x -> x.Balance), 5).Remove(fun x -> x.Note)
            |> Db.update accounts "a"
            |> SessionEffect.runTask env
        Assert.Equal(("Bo", 15, null), (updated.Owner, updated.Balance, updated.Note))

        let guarded = ItemUpdate.Of<Account>().Add((fun x -> x.Balance), -100).When(fun x -> x.Balance >= 100)
        let! _ = Fails<ConditionalCheckFailedException>.With(env, Db.update accounts "a" guarded)

        let! raw = ItemUpdate.Set("legacy_flag", true) |> Db.updateRaw accounts (ItemKey.Of "a") |> SessionEffect.runTask env
        let! stored = Db.get accounts "a" |> SessionEffect.runTask env
        Assert.Equal(15, raw.Balance)
        Assert.Equal(ValueSome("Bo", 15), stored |> ValueOption.map (fun x -> x.Owner, x.Balance))

        // A C# property name that is not the stored name is refused, not written as a new attribute.
        let! _ = Fails<ArgumentException>.With(env, ItemUpdate.Set("Owner", "x") |> Db.updateRaw accounts (ItemKey.Of "a"))
        ()
    }

[<Fact>]
let ``updateRange updates an item of a table with a range key, and a versioned update bumps the version`` () =
    task {
        let! session, env = newEnv "FsUpR"
        use _ = session
        let doc = Doc(Id = "d", Text = "v0")
        do! sessionEffect {
                do! Db.createTable orders
                do! Db.createTable docs
                do! Db.save docs doc
            }
            |> SessionEffect.runTask env

        let! o = ItemUpdate.Of<Order>().Set((fun o -> o.Status), "paid").Set((fun o -> o.Total), 12.5m) |> Db.updateRange orders "c1" 7 |> SessionEffect.runTask env
        let! d = ItemUpdate.Of<Doc>().Set((fun d -> d.Text), "updated") |> Db.update docs "d" |> SessionEffect.runTask env

        Assert.Equal(("c1", 7, "paid", 12.5m), (o.Customer, o.Seq, o.Status, o.Total))
        Assert.Equal(Nullable 1, d.Version)
        let! _ = Fails<ConditionalCheckFailedException>.With(env, Db.save docs doc)
        ()
    }

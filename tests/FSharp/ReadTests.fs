/// `Db`'s reads against DynamoDB Local: scans and queries with options, counts, pages with tokens, parallel scans,
/// streams and LINQ queries written in F#.
module SessionEffects.FSharp.Tests.ReadTests

open System.Collections.Generic
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.FSharp.Tests.Fixtures
open Xunit

/// Creates `accounts` with 50 items ("a00".."a49", balance = number) and `orders` with customer c1 (seq 1..10,
/// "paid" when even) and c2 (seq 1..3).
let private seed =
    sessionEffect {
        do! Db.createTable accounts
        do! Db.createTable orders
        do! Db.batchSave accounts [ for i in 0..49 -> account $"a%02d{i}" $"owner {i % 5}" i ]
        do! Db.batchSave orders [ for i in 1..10 -> order "c1" i (if i % 2 = 0 then "paid" else "open") ]
        do! Db.batchSave orders [ for i in 1..3 -> order "c2" i "open" ]
    }

let private ids (items: Account list) = items |> List.map _.Id |> List.sort

[<Fact>]
let ``scanPage pages through 50 items with page size 7, each item once, until there is no token`` () =
    task {
        let! session, env = newEnv "FsPag"
        use _ = session
        do! seed |> SessionEffect.runTask env
        let options = ScanOptions(PageSize = 7)
        let seen = List<string>()
        let mutable token = None
        let mutable pages = 0
        let mutable go = true
        while go do
            let! page = Db.scanPage accounts options token |> SessionEffect.runTask env
            pages <- pages + 1
            Assert.True(page.Items.Length <= 7)
            seen.AddRange(page.Items |> List.map _.Id)
            token <- page.NextToken
            go <- page.HasMore && pages < 20 // a token that did not move on would loop forever
        Assert.Equal<string list>([ for i in 0..49 -> $"a%02d{i}" ], seen |> List.ofSeq |> List.sort)
        Assert.InRange(pages, 8, 9)
    }

[<Fact>]
let ``a parallel scan in 3 segments finds what a plain scan finds; filters, limits and counts apply`` () =
    task {
        let! session, env = newEnv "FsScn"
        use _ = session
        do! seed |> SessionEffect.runTask env
        let rich = DynamoCondition.For<Account>(fun a -> a.Balance >= 40)
        let! plain, parallelScan, filtered, limited, total, counted =
            sessionEffect {
                let! plain = Db.scan accounts
                let! parallelScan = Db.scanWith accounts (ScanOptions(Segments = 3, PageSize = 5))
                let! filtered = Db.scanWith accounts (ScanOptions(Filter = rich))
                let! limited = Db.scanWith accounts (ScanOptions(Limit = 4))
                let! total = Db.count accounts
                let! counted = Db.countWith accounts (ScanOptions(Filter = rich))
                return plain, parallelScan, filtered, limited, total, counted
            }
            |> SessionEffect.runTask env
        Assert.Equal(50, plain.Length)
        Assert.Equal<string list>(ids plain, ids parallelScan)
        Assert.Equal<string list>([ for i in 40..49 -> $"a%02d{i}" ], ids filtered)
        Assert.Equal(4, limited.Length)
        Assert.Equal((50L, 10L), (total, counted))
    }

[<Fact>]
let ``query and queryWith select by hash key, range condition, filter and order; countQuery counts`` () =
    task {
        let! session, env = newEnv "FsQry"
        use _ = session
        do! seed |> SessionEffect.runTask env
        let between = QueryOptions(Range = RangeKeyCondition.Between(3, 6), Descending = true)
        let paid = QueryOptions(Filter = DynamoCondition.For<Order>(fun o -> o.Status = "paid"))
        let! all, ranged, paidOnly, perCustomer, countAll, countPaid =
            sessionEffect {
                let! all = Db.query orders "c1"
                let! ranged = "c1" |> Db.queryWith orders between
                let! paidOnly = Db.queryWith orders paid "c1"
                let perCustomer = List<int>()
                for customer in [ "c1"; "c2"; "c3" ] do
                    let! n = Db.countQuery orders customer
                    perCustomer.Add(int n)
                let! countAll = Db.countQuery orders "c2"
                let! countPaid = Db.countQueryWith orders paid "c1"
                return all, ranged, paidOnly, List.ofSeq perCustomer, countAll, countPaid
            }
            |> SessionEffect.runTask env
        Assert.Equal<int list>([ 1..10 ], all |> List.map _.Seq)
        Assert.Equal<int list>([ 6; 5; 4; 3 ], ranged |> List.map _.Seq)
        Assert.Equal<int list>([ 2; 4; 6; 8; 10 ], paidOnly |> List.map _.Seq)
        Assert.Equal<int list>([ 10; 3; 0 ], perCustomer)
        Assert.Equal((3L, 5L), (countAll, countPaid))
    }

[<Fact>]
let ``queryPage pages through a query with its token`` () =
    task {
        let! session, env = newEnv "FsQPg"
        use _ = session
        do! seed |> SessionEffect.runTask env
        let options = QueryOptions(PageSize = 4)
        let! first = Db.queryPage orders options "c1" None |> SessionEffect.runTask env
        let! second = Db.queryPage orders options "c1" first.NextToken |> SessionEffect.runTask env
        let! third = Db.queryPage orders options "c1" second.NextToken |> SessionEffect.runTask env
        Assert.Equal<int list>([ 1; 2; 3; 4 ], first.Items |> List.map _.Seq)
        Assert.Equal<int list>([ 5; 6; 7; 8 ], second.Items |> List.map _.Seq)
        Assert.Equal<int list>([ 9; 10 ], third.Items |> List.map _.Seq)
        Assert.True(first.HasMore && second.HasMore)
        Assert.Equal(None, third.NextToken)
    }

[<Fact>]
let ``streams read page by page through the session resolved when the stream effect ran`` () =
    task {
        let! session, env = newEnv "FsStr"
        use _ = session
        use! project = newSession "FsStP"
        do! seed |> Session.useSession accounts (Some project) |> Session.useSession orders (Some project) |> SessionEffect.runTask env

        // The stream is made inside the project scope and enumerated outside it: it still reads the project account.
        let! stream = Db.scanStreamWith accounts (ScanOptions(PageSize = 6)) |> Session.useSession accounts (Some project) |> SessionEffect.runTask env
        let seen = List<string>()
        do! sessionEffect {
                for a in stream do
                    seen.Add a.Id
            }
            |> SessionEffect.runTask env
        Assert.Equal(50, seen.Count)

        let! sum, firstOwners, c1, paid =
            sessionEffect {
                let! sum = Db.scanStream accounts |> Stream.fold (fun total a -> total + a.Balance) 0
                let owners = List<string>()
                do! Db.scanStreamWith accounts (ScanOptions(Filter = DynamoCondition.For<Account>(fun a -> a.Balance < 2)))
                    |> Stream.iter (fun a -> SessionEffect.succeed a.Owner |> SessionEffect.iter owners.Add)
                let! c1 = Db.queryStream orders "c1" |> Stream.fold (fun n _ -> n + 1) 0
                let! paid = Db.queryStreamWith orders (QueryOptions(Filter = DynamoCondition.For<Order>(fun o -> o.Status = "paid"))) "c1" |> Stream.fold (fun n _ -> n + 1) 0
                return sum, (owners |> List.ofSeq |> List.sort), c1, paid
            }
            |> Session.useSession accounts (Some project)
            |> Session.useSession orders (Some project)
            |> SessionEffect.runTask env
        Assert.Equal((List.sum [ 0..49 ], [ "owner 0"; "owner 1" ], 10, 5), (sum, firstOwners, c1, paid))

        // The default account has no such table: the same stream effect fails there.
        let! inDefault = Db.scanStream accounts |> Stream.fold (fun n _ -> n + 1) 0 |> SessionEffect.toResult env
        Assert.True((function Error _ -> true | Ok _ -> false) inDefault)
    }

[<Fact>]
let ``LINQ queries written with F# lambdas run with fetch, fetchPage and fetchStream`` () =
    task {
        let! session, env = newEnv "FsLnq"
        use _ = session
        do! seed |> SessionEffect.runTask env
        let from3 = orders.Query().Where(fun o -> o.Customer = "c1" && o.Seq >= 3).Where(fun o -> o.Status <> "open")
        let projected = orders.Query().Where(fun o -> o.Customer = "c1").OrderByDescending(fun o -> o.Seq).Select(fun o -> o.Seq * 100)
        let scanned = accounts.Query().Where(fun a -> a.Owner = "owner 3").AsScan()
        let! fetched, top3, owner3, page1, page2, streamed =
            sessionEffect {
                let! fetched = Db.fetch from3
                let! top3 = Db.fetch (projected.Take 3)
                let! owner3 = scanned |> Db.fetch
                let! page1 = Db.fetchPage (orders.Query().Where(fun o -> o.Customer = "c1").WithPageSize 6) None
                let! page2 = Db.fetchPage (orders.Query().Where(fun o -> o.Customer = "c1").WithPageSize 6) page1.NextToken
                let! streamed = Db.fetchStream projected |> Stream.fold (fun acc x -> x :: acc) []
                return fetched, top3, owner3, page1, page2, streamed
            }
            |> SessionEffect.runTask env
        Assert.Equal<int list>([ 4; 6; 8; 10 ], fetched |> List.map _.Seq)
        Assert.Equal<int list>([ 1000; 900; 800 ], top3)
        Assert.Equal<string list>([ "a03"; "a08"; "a13"; "a18"; "a23"; "a28"; "a33"; "a38"; "a43"; "a48" ], ids owner3)
        Assert.Equal<int list>([ 1..6 ], page1.Items |> List.map _.Seq)
        Assert.Equal<int list>([ 7..10 ], page2.Items |> List.map _.Seq)
        Assert.Equal<int list>([ 100..100..1000 ], streamed)
    }

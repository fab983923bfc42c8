/// `Db`'s batch functions against DynamoDB Local: batch get with missing and repeated keys, the version-check flag of
/// batch writes, and copying between accounts.
module SessionEffects.FSharp.Tests.BatchTests

open System
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.FSharp.Tests.Fixtures
open Xunit

[<Fact>]
let ``batchGet returns the items of the keys in key order, leaving out missing keys and reading repeated ones once`` () =
    task {
        let! session, env = newEnv "FsBGt"
        use _ = session
        let! byHash, byRange, consistent, none =
            sessionEffect {
                do! Db.createTable accounts
                do! Db.createTable orders
                do! Db.batchSave accounts [ for i in 1..150 -> account $"a{i}" "x" i ]
                do! Db.batchSave orders [ order "c1" 1 "open"; order "c1" 2 "open"; order "c2" 1 "open" ]
                let! byHash = Db.batchGet accounts [ "a150"; "missing"; "a2"; "a150"; "a77" ]
                let! byRange = Db.batchGetRange orders [ ("c2", 1); ("c1", 9); ("c1", 2); ("c2", 1) ]
                let! consistent = Db.batchGetWith accounts true [ for i in 1..120 -> ItemKey.Of $"a{i}" ]
                let! none = Db.batchGet accounts ([]: string list)
                return byHash, byRange, consistent, none
            }
            |> SessionEffect.runTask env
        Assert.Equal<string list>([ "a150"; "a2"; "a77" ], byHash |> List.map _.Id)
        Assert.Equal<(string * int) list>([ ("c2", 1); ("c1", 2) ], byRange |> List.map (fun o -> o.Customer, o.Seq))
        Assert.Equal<string list>([ for i in 1..120 -> $"a{i}" ], consistent |> List.map _.Id)
        Assert.Empty none
    }

[<Fact>]
let ``batch writes refuse a versioned class unless the version check is skipped`` () =
    task {
        let! session, env = newEnv "FsBVr"
        use _ = session
        let items = [ for i in 1..30 -> Doc(Id = $"d{i}", Text = "t") ]
        do! Db.createTable docs |> SessionEffect.runTask env

        let! refused = Fails<InvalidOperationException>.With(env, Db.batchSave docs items)
        let! countAfterRefusal = Db.count docs |> SessionEffect.runTask env
        do! Db.batchSaveWith docs true items |> SessionEffect.runTask env
        let! countAfterSave = Db.count docs |> SessionEffect.runTask env
        let! _ = Fails<InvalidOperationException>.With(env, Db.batchDelete docs items)
        do! Db.batchDeleteWith docs true (List.take 20 items) |> SessionEffect.runTask env
        let! countAfterDelete = Db.count docs |> SessionEffect.runTask env

        Assert.Contains("skipVersionCheck", refused.Message)
        Assert.Equal((0L, 30L, 10L), (countAfterRefusal, countAfterSave, countAfterDelete))
    }

[<Fact>]
let ``batchDelete deletes the items with the keys given`` () =
    task {
        let! session, env = newEnv "FsBDl"
        use _ = session
        let items = [ for i in 1..40 -> account $"a{i}" "x" i ]
        let! left =
            sessionEffect {
                do! Db.createTable accounts
                do! Db.batchSave accounts items
                do! Db.batchDelete accounts (items |> List.filter (fun a -> a.Balance > 10))
                return! Db.scan accounts
            }
            |> SessionEffect.runTask env
        Assert.Equal<int list>([ 1..10 ], left |> List.map _.Balance |> List.sort)
    }

[<Fact>]
let ``copyItems copies every item as stored into the target account; copyItemsWith copies what the scan finds`` () =
    task {
        let! session, env = newEnv "FsCpy"
        use _ = session
        use! target = newSession "FsCpT"
        use! filteredTarget = newSession "FsCpF"
        let d1 = Doc(Id = "d1", Text = "keep")
        let! copied, filteredCopied, inTarget, inFiltered =
            sessionEffect {
                do! Db.createTable docs
                do! Db.save docs d1
                for i in 2..30 do
                    do! Db.save docs (Doc(Id = $"d{i}", Text = (if i <= 5 then "keep" else "other")))
                do! Db.save docs d1
                do! Db.createTable docs |> Session.useSession docs (Some target)
                do! Db.createTable docs |> Session.useSession docs (Some filteredTarget)
                let! copied = Db.copyItems docs target
                let! filteredCopied = Db.copyItemsWith docs (ScanOptions(Filter = DynamoCondition.For<Doc>(fun d -> d.Text = "keep"))) filteredTarget
                let! inTarget = Db.scan docs |> Session.useSession docs (Some target)
                let! inFiltered = Db.count docs |> Session.useSession docs (Some filteredTarget)
                return copied, filteredCopied, inTarget, inFiltered
            }
            |> SessionEffect.runTask env
        Assert.Equal((30L, 5L, 5L), (copied, filteredCopied, inFiltered))
        Assert.Equal(30, inTarget.Length)
        // Copied as stored: versions included (d1 was saved twice).
        Assert.Equal(Nullable 1, (inTarget |> List.find (fun d -> d.Id = "d1")).Version)
        Assert.All(inTarget |> List.filter (fun d -> d.Id <> "d1"), fun d -> Assert.Equal(Nullable 0, d.Version))
    }

[<Fact>]
let ``copyTable creates the target and verifyCopy proves it; by name they need no class and a checkpoint resumes`` () =
    task {
        let! session, env = newEnv "FsCTb"
        use _ = session
        use! target = newSession "FsCTt"
        use! byName = newSession "FsCTn"
        let checkpoints = Collections.Generic.List<CopyCheckpoint>()
        let! copied, verified, copiedByName, verifiedByName, resumed =
            sessionEffect {
                do! Db.createTable docs
                do! Db.batchSaveWith docs true [ for i in 1..120 -> Doc(Id = $"d{i}", Text = "t") ]
                let! copied =
                    Db.copyTableWith docs (CopyOptions(CreateTable = true, Segments = 3, PageSize = 10, OnCheckpoint = Action<CopyCheckpoint>(checkpoints.Add))) target
                let! verified = Db.verifyCopy docs target
                let! copiedByName = Db.copyTableByName "fs-docs" (CopyOptions(CreateTable = true)) session byName
                let! verifiedByName = Db.verifyCopyByName "fs-docs" (VerifyOptions()) session byName
                let! resumed = Db.copyTableWith docs (CopyOptions(Segments = 3, ResumeFrom = checkpoints.[0])) target
                return copied, verified, copiedByName, verifiedByName, resumed
            }
            |> SessionEffect.runTask env
        Assert.Equal((120L, true), (copied.ItemsWritten, copied.TableCreated))
        Assert.True(verified.IsIdentical, string verified)
        Assert.Equal(120L, copiedByName.ItemsWritten)
        Assert.True(verifiedByName.IsIdentical, string verifiedByName)
        Assert.True(resumed.ItemsWritten < 120L, $"resumed from the first checkpoint, it wrote {resumed.ItemsWritten}")
    }

[<Fact>]
let ``two copyWorker runs share one job: the second finds it finished, copyJobStatus shows every segment done`` () =
    task {
        let! session, env = newEnv "FsJob"
        use _ = session
        use! target = newSession "FsJobT"
        let job = CopyJobOptions(JobName = "fs-job", Segments = 6, Copy = CopyOptions(CreateTable = true, PageSize = 10))
        let! first, second, status, verified =
            sessionEffect {
                do! Db.createTable docs
                do! Db.batchSaveWith docs true [ for i in 1..90 -> Doc(Id = $"d{i}", Text = "t") ]
                let! first = Db.copyWorker docs job session target
                let! second = Db.copyWorker docs job session target
                let! status = Db.copyJobStatus CopyJobOptions.DefaultLeaseTableName "fs-job" session
                let! verified = Db.verifyCopy docs target
                return first, second, status, verified
            }
            |> SessionEffect.runTask env
        Assert.Equal((6, 90L, false), (first.SegmentsCompleted, first.ItemsWritten, first.AlreadyFinished))
        Assert.True(second.AlreadyFinished, string second)
        Assert.Equal((6, 90L, true), (status.Done, status.ItemsWritten, status.IsComplete))
        Assert.True(verified.IsIdentical, string verified)
    }

[<Fact>]
let ``verifyWorker runs a verify job to the end: identical tables give no difference, verifyJobResult reads it back`` () =
    task {
        let! session, env = newEnv "FsVj"
        use _ = session
        use! target = newSession "FsVjT"
        let job = VerifyJobOptions(JobName = "fs-verify", Segments = 3, PageSize = 10)
        let! worker, stored =
            sessionEffect {
                do! Db.createTable docs
                do! Db.batchSaveWith docs true [ for i in 1..50 -> Doc(Id = $"d{i}", Text = "t") ]
                let! _ = Db.copyTableWith docs (CopyOptions(CreateTable = true)) target
                let! worker = Db.verifyWorker docs job session target
                let! stored = Db.verifyJobResult CopyJobOptions.DefaultLeaseTableName "fs-verify" 20 session
                return worker, stored
            }
            |> SessionEffect.runTask env
        Assert.Equal((6, 50L, 50L), (worker.SegmentsCompleted, worker.Result.SourceItems, worker.Result.TargetItems))
        Assert.True(worker.Result.IsIdentical, string worker.Result)
        Assert.True(stored.IsSome && stored.Exists(fun r -> r.IsIdentical && r.SourceItems = 50L), string stored)
    }

[<Fact>]
let ``saves add to an atomic counter, and batch writes refuse it unless told to write plain values`` () =
    task {
        let! session, env = newEnv "FsCnt"
        use _ = session
        let visit = Visit(Id = "v")
        let! count =
            sessionEffect {
                do! Db.createTable visits
                do! Db.save visits visit
                do! Db.save visits visit
                do! Db.save visits visit
                let! stored = Db.get visits "v"
                return stored |> ValueOption.map _.Count
            }
            |> SessionEffect.runTask env
        let! refused = Fails<InvalidOperationException>.With(env, Db.batchSave visits [ Visit(Id = "b") ])
        do! Db.batchSaveWithOptions visits false true [ Visit(Id = "b", Count = Nullable 7L) ] |> SessionEffect.runTask env
        let! plain = Db.get visits "b" |> SessionEffect.runTask env

        Assert.Equal(ValueSome(Nullable 2L), count)
        Assert.Equal(Nullable 2L, visit.Count)
        Assert.True(visit.First.HasValue)
        Assert.Contains("writeAsPlainValues", refused.Message)
        Assert.Equal(ValueSome(Nullable 7L), plain |> ValueOption.map _.Count)
    }

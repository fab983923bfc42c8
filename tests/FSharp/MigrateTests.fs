/// Live migration from F# (issue 24): `Migrate.backfill`, `Migrate.reconcile`, `Migrate.cutover` and the by-name forms,
/// against two accounts of DynamoDB Local with the table bound to a mirrored session.
module SessionEffects.FSharp.Tests.MigrateTests

open SessionEffects
open SessionEffects.FSharp
open SessionEffects.FSharp.Tests.Fixtures
open Xunit

[<Fact>]
let ``backfill, a mirrored write, a write around the mirror, reconcile and cutover leave both sides equal`` () =
    task {
        let! source = newSession "FsMigS"
        let! target = newSession "FsMigT"
        use _ = source
        use _ = target
        do! Db.createTable accounts |> SessionEffect.runTask (Session.environment source)
        do! Db.createTable accounts |> SessionEffect.runTask (Session.environment target)
        for i in 1..30 do
            do! Db.save accounts (account $"a{i}" "seeded" i) |> SessionEffect.runTask (Session.environment source)

        use mirrored = AwsSession.Mirrored(source, target)
        let env = Session.environment mirrored
        let! backfilled = Migrate.backfillWith (BackfillOptions(Segments = 2, PageSize = 7)) accounts |> SessionEffect.runTask env
        Assert.Equal((30L, 30L, 0L), (backfilled.Scanned, backfilled.Written, backfilled.AlreadyThere))
        Assert.True(match backfilled.Checkpoint with
                    | null -> false
                    | checkpoint -> checkpoint.IsComplete)

        // Mirrored: on both sides at once. Around the mirror (the source alone): the reconcile repairs it.
        do! Db.save accounts (account "m1" "mirrored" 1) |> SessionEffect.runTask env
        do! Db.save accounts (account "a1" "unmirrored" 99) |> SessionEffect.runTask (Session.environment source)
        let! reconciled = Migrate.reconcile accounts |> SessionEffect.runTask env
        Assert.True(reconciled.Converged)
        Assert.Equal(1L, reconciled.Repaired)
        let! byName = Migrate.reconcileByName "fs-accounts" (ReconcileOptions(MaxPasses = 1)) mirrored |> SessionEffect.runTask env
        Assert.True(byName.Converged)

        do! Migrate.cutover accounts |> SessionEffect.runTask env
        Assert.True(match mirrored.Mirror with
                    | null -> false
                    | mirror -> mirror.IsSwapped)
        do! Db.save accounts (account "after" "target first" 1) |> SessionEffect.runTask env
        let! compared = Db.verifyCopy accounts source |> SessionEffect.runTask (Session.environment target)
        Assert.True(compared.IsIdentical, string compared)
        Assert.Equal(32L, compared.SourceItems)
    }

[<Fact>]
let ``backfillByName through a session that is not mirrored is refused, naming the table`` () =
    task {
        let! plain = newSession "FsMigPlain"
        use _ = plain
        let failure = Assert.Throws<System.InvalidOperationException>(fun () -> Migrate.backfillByName "fs-accounts" (BackfillOptions()) plain |> ignore)
        Assert.Contains("Table fs-accounts is to be moved through", failure.Message)
        Assert.Contains("not mirrored", failure.Message)
    }

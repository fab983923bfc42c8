/// `Db.callerIdentity` and `Db.callerIdentityOf` through the local STS test double.
module SessionEffects.FSharp.Tests.IdentityTests

open SessionEffects
open SessionEffects.FSharp
open SessionEffects.FSharp.Tests.Fixtures
open SessionEffects.TestSupport
open Xunit

[<Fact>]
let ``callerIdentity names a session; callerIdentityOf names the session a table resolves to`` () =
    task {
        use sts = LocalStsEndpoint.Start()
        let defaultKey, projectKey = newKey "FsIdD", newKey "FsIdP"
        sts.AddIdentity(defaultKey, "111122223333", "arn:aws:iam::111122223333:user/default", "AIDADEFAULT")
        sts.AddIdentity(projectKey, "444455556666", "arn:aws:iam::444455556666:user/project", "AIDAPROJECT")
        use! defaultBase = sessionFor defaultKey
        use! projectBase = sessionFor projectKey
        use defaultAccount = defaultBase.WithStsEndpoint sts.Endpoint
        use project = projectBase.WithStsEndpoint sts.Endpoint
        let env = Session.environment defaultAccount

        let! ofProject = Db.callerIdentity project |> SessionEffect.runTask env
        let! accountsInDefault = Db.callerIdentityOf accounts |> SessionEffect.runTask env
        let! accountsInProject = Db.callerIdentityOf accounts |> Session.useSession accounts (Some project) |> SessionEffect.runTask env

        Assert.Equal(CallerIdentity("444455556666", "arn:aws:iam::444455556666:user/project", "AIDAPROJECT"), ofProject)
        Assert.Equal("111122223333", accountsInDefault.Account)
        Assert.Equal("444455556666", accountsInProject.Account)
    }

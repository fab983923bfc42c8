/// The F# pool functions: create, session as an effect, useTenant piped, statistics.
module SessionEffects.FSharp.Tests.PoolTests

open System.Threading
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.Samples.FSharp
open Xunit

let private nowhere (tenant: string) =
    AwsSession.FromKeys($"FsPool{tenant}Key0000", "never-used", "us-east-1").WithEndpoint("http://127.0.0.1:9")

[<Fact>]
let ``a pool made in F# caches a session per tenant and useTenant binds the table to it`` () =
    task {
        use pool = Pool.withCapacity 8 nowhere
        let users = Scenario.users
        let program =
            sessionEffect {
                let! first = Pool.session pool "acme"
                let! again = Pool.session pool "acme"
                let! bound = Session.currentSession users |> Pool.useTenant users pool "acme"
                let! other = Session.currentSession users |> Pool.useTenant users pool "globex"
                return first, again, bound, other
            }
        let! first, again, bound, other = program |> SessionEffect.runTask (Session.environment (nowhere "default"))
        Assert.Same(first, again)
        Assert.Same(first, bound)
        Assert.NotSame(first, other)
        let! viaTask = Pool.getAsync pool "acme" CancellationToken.None
        Assert.Same(first, viaTask)
        let stats = Pool.statistics pool
        Assert.Equal(2L, stats.Misses)
        Assert.Equal(8, stats.Capacity)
    }

[<Fact>]
let ``options are set with named arguments`` () =
    use pool = Pool.create (SessionPoolOptions(Capacity = 2, MaxConcurrentAssumeRoles = 1)) nowhere
    Assert.Equal(2, pool.Capacity)
    Assert.Same(pool.Get "a", pool.Get "a")

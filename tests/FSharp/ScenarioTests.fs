/// The F# sample's cross-account scenario, run against DynamoDB Local on every CI run.
module SessionEffects.FSharp.Tests.ScenarioTests

open System
open Amazon.DynamoDBv2
open Amazon.Runtime
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.Samples.FSharp
open SessionEffects.Testing
open Xunit

let private key prefix = $"{prefix}{Guid.NewGuid():N}".Substring(0, 20)

[<Fact>]
let ``the F# cross-account scenario copies both users and cleans up`` () =
    task {
        let! local = DynamoDbLocal.Shared
        let defaultKey, projectKey = key "FsDef", key "FsPrj"
        use defaultAccount = AwsSession.FromKeys(defaultKey, "local-secret", "us-east-1").WithEndpoint(local.Endpoint)
        use project = AwsSession.FromKeys(projectKey, "local-secret", "us-east-1").WithEndpoint(local.Endpoint)
        let log = Collections.Generic.List<string>()

        let! names = Scenario.demo project log.Add |> SessionEffect.runTask (Session.environment defaultAccount)

        Assert.Equal<string list>([ "Alice"; "Bob" ], names)
        Assert.Contains(log, fun line -> line.Contains("copied 2 user(s)", StringComparison.Ordinal))
        for k in [ defaultKey; projectKey ] do
            use raw = new AmazonDynamoDBClient(BasicAWSCredentials(k, "raw"), AmazonDynamoDBConfig(ServiceURL = string local.Endpoint, AuthenticationRegion = "us-east-1"))
            let! tables = raw.ListTablesAsync()
            Assert.DoesNotContain("session-effects-fsharp-users", tables.TableNames |> Option.ofObj |> Option.defaultValue (Collections.Generic.List()))
    }

[<Fact>]
let ``copyAll copies every item into the default account`` () =
    task {
        let! local = DynamoDbLocal.Shared
        use defaultAccount = AwsSession.FromKeys(key "FsQsD", "local-secret", "us-east-1").WithEndpoint(local.Endpoint)
        use project = AwsSession.FromKeys(key "FsQsP", "local-secret", "us-east-1").WithEndpoint(local.Endpoint)
        let env = Session.environment defaultAccount
        let seed =
            sessionEffect {
                do! Db.createTable Scenario.users
                do! Db.batchSave Scenario.users [ for i in 1..30 -> Scenario.User(Id = string i, Name = $"user {i}") ]
            }
        let! _ = seed |> Session.useSession Scenario.users (Some project) |> SessionEffect.runTask env

        let! copied = Scenario.copyAll project |> SessionEffect.runTask env

        Assert.Equal(30, copied)
        let! inDefault = Db.count Scenario.users |> SessionEffect.runTask env
        Assert.Equal(30L, inDefault)
    }

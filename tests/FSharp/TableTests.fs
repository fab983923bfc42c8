/// `Db`'s table functions against DynamoDB Local: create (with options), exists, describe, TTL, delete.
module SessionEffects.FSharp.Tests.TableTests

open System
open Amazon.DynamoDBv2
open Amazon.Runtime
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.FSharp.Tests.Fixtures
open SessionEffects.Testing
open Xunit

[<EngineFact(SessionEffects.TestSupport.EngineFeature.Streams ||| SessionEffects.TestSupport.EngineFeature.TimeToLive)>]
let ``createTableWith applies the options; describeTable, updateTimeToLive and deleteTableWith do what they say`` () =
    task {
        let key = newKey "FsTbl"
        use! session = sessionFor key
        let env = Session.environment session

        do! Db.createTableWith orders (CreateTableOptions(ReadCapacityUnits = 3L, WriteCapacityUnits = 4L, Stream = StreamViewType.NEW_IMAGE))
            |> SessionEffect.runTask env
        let! description = Db.describeTable orders |> SessionEffect.runTask env
        let! exists = Db.tableExists orders |> SessionEffect.runTask env

        Assert.True exists
        Assert.Equal("fs-orders", description.TableName)
        Assert.Equal((3L, 4L), (description.ProvisionedThroughput.ReadCapacityUnits.GetValueOrDefault(), description.ProvisionedThroughput.WriteCapacityUnits.GetValueOrDefault()))
        Assert.True(description.StreamSpecification.StreamEnabled.GetValueOrDefault())

        do! Db.updateTimeToLive orders "expires" true |> SessionEffect.runTask env
        let! local = DynamoDbLocal.Shared
        use raw = new AmazonDynamoDBClient(BasicAWSCredentials(key, "raw"), AmazonDynamoDBConfig(ServiceURL = string local.Endpoint, AuthenticationRegion = "us-east-1"))
        let! ttl = raw.DescribeTimeToLiveAsync("fs-orders")
        Assert.Equal("expires", ttl.TimeToLiveDescription.AttributeName)

        do! Db.deleteTableWith orders (TimeSpan.FromMinutes 1.) |> SessionEffect.runTask env
        let! existsAfter = Db.tableExists orders |> SessionEffect.runTask env
        Assert.False existsAfter
        let! names = rawTableNames key
        Assert.Empty names
    }

[<Fact>]
let ``createTable and deleteTable work inside task { } with do!`` () =
    task {
        let key = newKey "FsTb2"
        use! session = sessionFor key
        let env = Session.environment session
        do! Db.createTable accounts |> SessionEffect.runTask env
        let! names = rawTableNames key
        Assert.Equal<string list>([ "fs-accounts" ], names)
        do! Db.deleteTable accounts |> SessionEffect.runTask env
        let! after = rawTableNames key
        Assert.Empty after
    }

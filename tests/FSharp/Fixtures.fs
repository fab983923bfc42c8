/// Table classes and helpers shared by the F# data tests. Every test uses its own "accounts" (DynamoDB Local keeps
/// one database per access key), so table names can be fixed.
module SessionEffects.FSharp.Tests.Fixtures

open System
open System.Collections.Generic
open System.Threading.Tasks
open Amazon.DynamoDBv2
open Amazon.DynamoDBv2.DataModel
open Amazon.Runtime
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.Testing
open Xunit

/// A bank account: transactions move balances between accounts.
[<DynamoDBTable("fs-accounts")>]
type Account() =
    [<DynamoDBHashKey("id")>]
    member val Id = "" with get, set

    [<DynamoDBProperty("owner")>]
    member val Owner = "" with get, set

    member val Balance = 0 with get, set

    member val Note: string | null = null with get, set

/// A second table, for transactions over two tables.
[<DynamoDBTable("fs-ledger")>]
type Entry() =
    [<DynamoDBHashKey("id")>]
    member val Id = "" with get, set

    member val Text = "" with get, set

/// A versioned table: optimistic locking.
[<DynamoDBTable("fs-docs")>]
type Doc() =
    [<DynamoDBHashKey("id")>]
    member val Id = "" with get, set

    member val Text = "" with get, set

    [<DynamoDBVersion>]
    member val Version = Nullable<int>() with get, set

/// A table with a range key.
[<DynamoDBTable("fs-orders")>]
type Order() =
    [<DynamoDBHashKey("customer")>]
    member val Customer = "" with get, set

    [<DynamoDBRangeKey("seq")>]
    member val Seq = 0 with get, set

    [<DynamoDBProperty("status")>]
    member val Status = "new" with get, set

    member val Total = 0m with get, set

let accounts = Db.table<Account> ()
let ledger = Db.table<Entry> ()
let docs = Db.table<Doc> ()
let orders = Db.table<Order> ()

let account id owner balance = Account(Id = id, Owner = owner, Balance = balance)
let order customer seq status = Order(Customer = customer, Seq = seq, Status = status, Total = decimal seq)

/// An access key of its own: a new, empty "account" in DynamoDB Local.
let newKey (prefix: string) = $"{prefix}{Guid.NewGuid():N}".Substring(0, 20)

/// A session on DynamoDB Local with this access key.
let sessionFor (key: string) : Task<AwsSession> =
    task {
        let! local = DynamoDbLocal.Shared
        return AwsSession.FromKeys(key, "local-secret", "us-east-1").WithEndpoint(local.Endpoint)
    }

/// A session on DynamoDB Local with a new access key.
let newSession (prefix: string) : Task<AwsSession> = sessionFor (newKey prefix)

/// A new account and the environment whose default session it is.
let newEnv (prefix: string) : Task<AwsSession * SessionEnv> =
    task {
        let! session = newSession prefix
        return session, Session.environment session
    }

/// The table names an access key has, read with a raw SDK client (not through the library).
let rawTableNames (key: string) : Task<string list> =
    task {
        let! local = DynamoDbLocal.Shared
        use raw =
            new AmazonDynamoDBClient(
                BasicAWSCredentials(key, "raw"),
                AmazonDynamoDBConfig(ServiceURL = string local.Endpoint, AuthenticationRegion = "us-east-1")
            )
        let! tables = raw.ListTablesAsync()
        return tables.TableNames |> Option.ofObj |> Option.map List.ofSeq |> Option.defaultValue []
    }

/// Runs an effect of any result type (annotated, so it stays generic: `Task<'a>`, LanguageExt's `Unit` included).
let run (env: SessionEnv) (effect: LanguageExt.Aff<SessionEnv, 'a>) : Task<'a> = SessionEffect.runTask env effect

/// Expected failures: `Fails<ConditionalCheckFailedException>.With(env, effect)`.
type Fails<'E when 'E :> exn> =
    /// Runs `effect` and asserts that it fails with exactly `'E` (the type a caller would catch); returns the exception.
    static member With(env: SessionEnv, effect: LanguageExt.Aff<SessionEnv, 'a>) : Task<'E> =
        Assert.ThrowsAsync<'E>(fun () -> SessionEffect.runTask env effect :> Task)

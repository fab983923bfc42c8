namespace SessionEffects.FSharp

open LanguageExt
open SessionEffects

/// Table operations for F#: curried, with `option` and `list` results. Each is the core's `Dynamo` operation.
[<RequireQualifiedAccess>]
module Db =

    /// The table descriptor of `'T` (a `[<DynamoDBTable>]` class).
    let table<'T when 'T: not struct and 'T: not null and 'T: (new: unit -> 'T)> () : Table<'T> = Table.Of<'T>()

    /// Creates the table (on-demand billing) and waits until it is ACTIVE.
    let createTable (table: Table) : Aff<SessionEnv, Unit> = Dynamo.createTable table |> SessionEffect.ignore

    /// Whether the table exists for the session it resolves to.
    let tableExists (table: Table) : Aff<SessionEnv, bool> = Dynamo.tableExists table

    /// Deletes the table and waits until it is gone.
    let deleteTable (table: Table) : Aff<SessionEnv, Unit> = Dynamo.deleteTable table |> SessionEffect.ignore

    /// Writes the item (PutItem).
    let save (table: Table<'T>) (item: 'T) : Aff<SessionEnv, Unit> = Dynamo.save (table, item) |> SessionEffect.ignore

    /// The item with this hash key, if any (tables without a range key).
    let get (table: Table<'T>) (hashKey: obj) : Aff<SessionEnv, 'T option> =
        Dynamo.get (table, hashKey) |> SessionEffect.map Seq.tryHead

    /// The item with this hash and range key, if any.
    let getRange (table: Table<'T>) (hashKey: obj) (rangeKey: obj) : Aff<SessionEnv, 'T option> =
        Dynamo.get (table, hashKey, rangeKey) |> SessionEffect.map Seq.tryHead

    /// Every item of the table.
    let scan (table: Table<'T>) : Aff<SessionEnv, 'T list> = Dynamo.scan table |> SessionEffect.map List.ofSeq

    /// The items with this hash key.
    let query (table: Table<'T>) (hashKey: obj) : Aff<SessionEnv, 'T list> =
        Dynamo.query (table, hashKey) |> SessionEffect.map List.ofSeq

    /// How many items the table holds, counted by DynamoDB.
    let count (table: Table) : Aff<SessionEnv, int64> = Dynamo.count table

    /// Writes all items in batches of 25, retrying unprocessed ones.
    let batchSave (table: Table<'T>) (items: 'T seq) : Aff<SessionEnv, Unit> = Dynamo.batchSave (table, items) |> SessionEffect.ignore

    /// Deletes the items with the keys of `items`, in batches of 25.
    let batchDelete (table: Table<'T>) (items: 'T seq) : Aff<SessionEnv, Unit> = Dynamo.batchDelete (table, items) |> SessionEffect.ignore

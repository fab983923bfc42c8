namespace SessionEffects.FSharp

open System
open System.Collections.Generic
open Amazon.DynamoDBv2.Model
open LanguageExt
open SessionEffects

/// Table operations for F#: curried, table first and the varying argument last (so they pipe), with `option`,
/// `list` and `seq` where the core has nulls and LanguageExt types. Each is the core's `Dynamo` operation (or
/// `Identity`'s), resolving the table's session when the effect runs. Effects without a result end in LanguageExt's
/// `Unit`, which `do!` takes in `sessionEffect { }`. Keys are given as they are stored (a string, a number…); where a
/// function takes an `ItemKey`, write `ItemKey.Of hash` or `ItemKey.Of(hash, range)`.
[<RequireQualifiedAccess>]
module Db =

    // ---- tables ----

    /// The table descriptor of `'T` (a `[<DynamoDBTable>]` class).
    let table<'T when 'T: not struct and 'T: not null and 'T: (new: unit -> 'T)> () : DynamoTable<'T> = DynamoTable.Of<'T>()

    /// Creates the table (on-demand billing) and waits until it and its indexes are ACTIVE.
    let createTable (table: DynamoTable) : Aff<SessionEnv, Unit> = Dynamo.createTable table |> SessionEffect.ignore

    /// Creates the table as `options` say (billing, index projections, TTL, stream, tags, deletion protection) and
    /// waits until it is ACTIVE: `Db.createTableWith users (CreateTableOptions(TimeToLiveAttribute = "expires"))`.
    let createTableWith (table: DynamoTable) (options: CreateTableOptions) : Aff<SessionEnv, Unit> =
        Dynamo.createTable (table, options) |> SessionEffect.ignore

    /// Whether the table exists for the session it resolves to.
    let tableExists (table: DynamoTable) : Aff<SessionEnv, bool> = Dynamo.tableExists table

    /// The table's description (status, item count, indexes, TTL and stream settings), as the SDK returns it.
    let describeTable (table: DynamoTable) : Aff<SessionEnv, TableDescription> = Dynamo.describeTable table

    /// Deletes the table and waits (at most 5 minutes) until it is gone.
    let deleteTable (table: DynamoTable) : Aff<SessionEnv, Unit> = Dynamo.deleteTable table |> SessionEffect.ignore

    /// Deletes the table and waits at most `waitTimeout` until it is gone.
    let deleteTableWith (table: DynamoTable) (waitTimeout: TimeSpan) : Aff<SessionEnv, Unit> =
        Dynamo.deleteTable (table, Nullable waitTimeout) |> SessionEffect.ignore

    /// Turns TTL on (`enabled = true`) or off for `attribute`: DynamoDB deletes items whose value there (epoch
    /// seconds) has passed.
    let updateTimeToLive (table: DynamoTable) (attribute: string) (enabled: bool) : Aff<SessionEnv, Unit> =
        Dynamo.updateTimeToLive (table, attribute, enabled)

    // ---- single items ----

    /// Writes the item (PutItem), replacing any item with its key. On a `[<DynamoDBVersion>]` class this is optimistic
    /// locking: a stale item fails with `ConditionalCheckFailedException` and changes nothing; after a save the item
    /// carries its new version.
    let save (table: DynamoTable<'T>) (item: 'T) : Aff<SessionEnv, Unit> = Dynamo.save (table, item) |> SessionEffect.ignore

    /// Writes the item only when `condition` holds (combined with AND with the version check of versioned classes);
    /// otherwise fails with `ConditionalCheckFailedException` and changes nothing.
    let saveWhen (table: DynamoTable<'T>) (condition: DynamoCondition) (item: 'T) : Aff<SessionEnv, Unit> =
        Dynamo.save (table, item, condition) |> SessionEffect.ignore

    /// The item with this hash key, if any (tables without a range key): `ValueSome item` or `ValueNone`. (A
    /// `voption`, not an `option`: F#'s `None` is null at run time, and effects cannot carry null.)
    let get (table: DynamoTable<'T>) (hashKey: obj) : Aff<SessionEnv, 'T voption> =
        Dynamo.get (table, hashKey) |> SessionEffect.map DbSupport.found

    /// The item with this hash and range key, if any (`ValueSome` or `ValueNone`).
    let getRange (table: DynamoTable<'T>) (hashKey: obj) (rangeKey: obj) : Aff<SessionEnv, 'T voption> =
        Dynamo.get (table, hashKey, rangeKey) |> SessionEffect.map DbSupport.found

    /// The item with this key, if any (`ValueSome` or `ValueNone`); a strongly consistent read when
    /// `consistentRead` is true.
    let getWith (table: DynamoTable<'T>) (consistentRead: bool) (key: ItemKey) : Aff<SessionEnv, 'T voption> =
        Dynamo.get (table, key.HashKey, key.RangeKey, consistentRead) |> SessionEffect.map DbSupport.found

    /// Deletes the item with this hash key (no error when there is none). Checks no version; see `deleteItem`.
    let delete (table: DynamoTable<'T>) (hashKey: obj) : Aff<SessionEnv, Unit> = Dynamo.delete (table, hashKey)

    /// Deletes the item with this hash and range key (no error when there is none).
    let deleteRange (table: DynamoTable<'T>) (hashKey: obj) (rangeKey: obj) : Aff<SessionEnv, Unit> = Dynamo.delete (table, hashKey, rangeKey)

    /// Deletes the item with this key only when `condition` holds; otherwise fails with
    /// `ConditionalCheckFailedException` and deletes nothing.
    let deleteWhen (table: DynamoTable<'T>) (condition: DynamoCondition) (key: ItemKey) : Aff<SessionEnv, Unit> =
        Dynamo.delete (table, key.HashKey, key.RangeKey, condition)

    /// Deletes the item with `item`'s key; on a versioned class only while the stored version is still the item's (a
    /// stale delete fails with `ConditionalCheckFailedException` and deletes nothing).
    let deleteItem (table: DynamoTable<'T>) (item: 'T) : Aff<SessionEnv, Unit> = Dynamo.deleteItem (table, item)

    /// `deleteItem`, and only when `condition` also holds.
    let deleteItemWhen (table: DynamoTable<'T>) (condition: DynamoCondition) (item: 'T) : Aff<SessionEnv, Unit> =
        Dynamo.deleteItem (table, item, condition)

    /// Applies a typed update to the item with this hash key (creating it when absent) and returns the item as it is
    /// afterwards: `ItemUpdate.Of<User>().Set((fun u -> u.Name), "Ann").Add((fun u -> u.Visits), 1) |> Db.update users "1"`.
    /// An update's `.When(fun u -> …)` condition that fails raises `ConditionalCheckFailedException`. A versioned
    /// item's version is incremented.
    let update (table: DynamoTable<'T>) (hashKey: obj) (update: ItemUpdate<'T>) : Aff<SessionEnv, 'T> = Dynamo.update (table, hashKey, null, update)

    /// `update` for a table with a range key.
    let updateRange (table: DynamoTable<'T>) (hashKey: obj) (rangeKey: obj) (update: ItemUpdate<'T>) : Aff<SessionEnv, 'T> =
        Dynamo.update (table, hashKey, rangeKey, update)

    /// Applies an update written with attribute names as stored (`ItemUpdate.Set("legacy_flag", true)`), for
    /// attributes the class does not map, to the item with this key; returns the item afterwards.
    let updateRaw (table: DynamoTable<'T>) (key: ItemKey) (update: ItemUpdate) : Aff<SessionEnv, 'T> =
        Dynamo.update (table, key.HashKey, key.RangeKey, update)

    // ---- reads ----

    /// Every item of the table.
    let scan (table: DynamoTable<'T>) : Aff<SessionEnv, 'T list> = Dynamo.scan table |> SessionEffect.map List.ofSeq

    /// Every item a scan with `options` finds (index, filter, limit, page size, consistency, parallel `Segments`).
    let scanWith (table: DynamoTable<'T>) (options: ScanOptions) : Aff<SessionEnv, 'T list> =
        Dynamo.scan (table, options) |> SessionEffect.map List.ofSeq

    /// The items with this hash key.
    let query (table: DynamoTable<'T>) (hashKey: obj) : Aff<SessionEnv, 'T list> =
        Dynamo.query (table, hashKey) |> SessionEffect.map List.ofSeq

    /// The items with this hash key that `options` select (index, range condition, filter, order, limit).
    let queryWith (table: DynamoTable<'T>) (options: QueryOptions) (hashKey: obj) : Aff<SessionEnv, 'T list> =
        Dynamo.query (table, hashKey, options) |> SessionEffect.map List.ofSeq

    /// How many items the table holds, counted by DynamoDB.
    let count (table: DynamoTable) : Aff<SessionEnv, int64> = Dynamo.count table

    /// How many items a scan with `options` finds, counted by DynamoDB without transferring them.
    let countWith (table: DynamoTable) (options: ScanOptions) : Aff<SessionEnv, int64> = Dynamo.count (table, options)

    /// How many items have this hash key, counted by DynamoDB.
    let countQuery (table: DynamoTable) (hashKey: obj) : Aff<SessionEnv, int64> = Dynamo.countQuery (table, hashKey)

    /// How many items a query with `options` finds for this hash key, counted by DynamoDB.
    let countQueryWith (table: DynamoTable) (options: QueryOptions) (hashKey: obj) : Aff<SessionEnv, int64> =
        Dynamo.countQuery (table, hashKey, options)

    /// The items of a scan as a stream that reads one page at a time: an `IAsyncEnumerable`, consumed with
    /// `for item in stream do …` inside `sessionEffect { }`, `Stream.iter` or `Stream.fold`. The session is resolved
    /// when this effect runs; every page is read through it, wherever the stream is enumerated.
    let scanStream (table: DynamoTable<'T>) : Aff<SessionEnv, IAsyncEnumerable<'T>> = Dynamo.scanStream table

    /// `scanStream` with options.
    let scanStreamWith (table: DynamoTable<'T>) (options: ScanOptions) : Aff<SessionEnv, IAsyncEnumerable<'T>> = Dynamo.scanStream (table, options)

    /// The items with this hash key as a stream, as `scanStream`.
    let queryStream (table: DynamoTable<'T>) (hashKey: obj) : Aff<SessionEnv, IAsyncEnumerable<'T>> = Dynamo.queryStream (table, hashKey)

    /// `queryStream` with options.
    let queryStreamWith (table: DynamoTable<'T>) (options: QueryOptions) (hashKey: obj) : Aff<SessionEnv, IAsyncEnumerable<'T>> =
        Dynamo.queryStream (table, hashKey, options)

    /// One page of a scan (one request of at most `options.PageSize` evaluated items), starting after the page
    /// `startToken` came from (from the beginning when `None`; it replaces `options.StartToken`), with the token of the
    /// next page: `Db.scanPage users (ScanOptions(PageSize = 25)) page.NextToken`.
    let scanPage (table: DynamoTable<'T>) (options: ScanOptions) (startToken: string option) : Aff<SessionEnv, ItemPage<'T>> =
        Dynamo.scanPage (table, DbSupport.startingAt startToken options) |> SessionEffect.map DbSupport.page

    /// One page of a query for this hash key, as `scanPage`.
    let queryPage (table: DynamoTable<'T>) (options: QueryOptions) (hashKey: obj) (startToken: string option) : Aff<SessionEnv, ItemPage<'T>> =
        Dynamo.queryPage (table, hashKey, DbSupport.startingAt startToken options) |> SessionEffect.map DbSupport.page

    // ---- LINQ queries (table.Query().Where(fun x -> …)) ----

    /// Every result of a LINQ query: `users.Query().Where(fun u -> u.Name.StartsWith "A").AsScan() |> Db.fetch`.
    let fetch (query: ItemQuery<'R>) : Aff<SessionEnv, 'R list> = Dynamo.fetch query |> SessionEffect.map List.ofSeq

    /// The results of a LINQ query as a stream that reads one page at a time, as `scanStream`.
    let fetchStream (query: ItemQuery<'R>) : Aff<SessionEnv, IAsyncEnumerable<'R>> = Dynamo.fetchStream query

    /// One page of a LINQ query (sized by `.WithPageSize`), starting after the page `startToken` came from, with the
    /// token of the next page.
    let fetchPage (query: ItemQuery<'R>) (startToken: string option) : Aff<SessionEnv, ItemPage<'R>> =
        Dynamo.fetchPage (query, Option.toObj startToken) |> SessionEffect.map DbSupport.page

    // ---- many items ----

    /// Copies every item of the table, as its current session sees it, into the same table of `target`, page by page
    /// and attribute by attribute (versions and unmapped attributes included); returns how many.
    let copyItems (table: DynamoTable) (target: AwsSession) : Aff<SessionEnv, int64> = Dynamo.copyItems (table, target)

    /// Copies the items a scan with `options` finds into the same table of `target`; returns how many.
    let copyItemsWith (table: DynamoTable) (options: ScanOptions) (target: AwsSession) : Aff<SessionEnv, int64> =
        Dynamo.copyItems (table, target, options)

    /// Copies the whole table from the session it is bound to into the same table of `target` (4 segments, no rate
    /// limit, the target must exist); see `copyTableWith` for segments, rate, creation, progress and checkpoints.
    let copyTable (table: DynamoTable) (target: AwsSession) : Aff<SessionEnv, CopyResult> = Dynamo.copyTable (table, target)

    /// `copyTable` with `options` (segments, rate limit, `CreateTable`, filter, progress, `OnCheckpoint`/`ResumeFrom`).
    let copyTableWith (table: DynamoTable) (options: CopyOptions) (target: AwsSession) : Aff<SessionEnv, CopyResult> =
        Dynamo.copyTable (table, target, options)

    /// Runs one worker of the copy job `job` names: from the session the table is bound to into `target`, coordinated
    /// through the lease table in `leases`' account; ends when every segment of the job is done (by any worker).
    let copyWorker (table: DynamoTable) (job: CopyJobOptions) (leases: AwsSession) (target: AwsSession) : Aff<SessionEnv, CopyWorkerResult> =
        Dynamo.copyWorker (table, target, leases, job)

    /// `copyWorker` for the table named `tableName` (keys from DescribeTable of `source`), from `source` into `target`.
    let copyWorkerByName (tableName: string) (job: CopyJobOptions) (leases: AwsSession) (source: AwsSession) (target: AwsSession) : Aff<SessionEnv, CopyWorkerResult> =
        Dynamo.copyWorkerByName (tableName, source, target, leases, job)

    /// The progress of the copy job `jobName` in the lease table `leaseTable` of `leases`' account.
    let copyJobStatus (leaseTable: string) (jobName: string) (leases: AwsSession) : Aff<SessionEnv, CopyJobStatus> =
        Dynamo.copyJobStatus (leases, jobName, leaseTable)

    /// Runs one worker of the verify job `job` names: compares the table of the session it is bound to with `target`
    /// through the lease table in `leases`' account; ends when every segment is done, with the whole job's result.
    let verifyWorker (table: DynamoTable) (job: VerifyJobOptions) (leases: AwsSession) (target: AwsSession) : Aff<SessionEnv, VerifyWorkerResult> =
        Dynamo.verifyWorker (table, target, leases, job)

    /// `verifyWorker` for the table named `tableName` (keys from DescribeTable of `source`), `source` against `target`.
    let verifyWorkerByName (tableName: string) (job: VerifyJobOptions) (leases: AwsSession) (source: AwsSession) (target: AwsSession) : Aff<SessionEnv, VerifyWorkerResult> =
        Dynamo.verifyWorkerByName (tableName, source, target, leases, job)

    /// The verify job's result once every segment is done (the first `maxReported` keys of each kind); None before.
    let verifyJobResult (leaseTable: string) (jobName: string) (maxReported: int) (leases: AwsSession) : Aff<SessionEnv, Option<VerifyResult>> =
        Dynamo.verifyJobResult (leases, jobName, leaseTable, maxReported)

    /// Copies the table named `tableName` (no class needed: keys, indexes, billing and TTL come from DescribeTable of
    /// `source`) from `source` into `target`, as `options` say.
    let copyTableByName (tableName: string) (options: CopyOptions) (source: AwsSession) (target: AwsSession) : Aff<SessionEnv, CopyResult> =
        Dynamo.copyTableByName (tableName, source, target, options)

    /// Compares the table (as bound) with the same table in `target`, item by item: counts and the first keys that
    /// are missing, extra or different.
    let verifyCopy (table: DynamoTable) (target: AwsSession) : Aff<SessionEnv, VerifyResult> = Dynamo.verifyCopy (table, target)

    /// `verifyCopy` of a table known by name only, between `source` and `target`, as `options` say.
    let verifyCopyByName (tableName: string) (options: VerifyOptions) (source: AwsSession) (target: AwsSession) : Aff<SessionEnv, VerifyResult> =
        Dynamo.verifyCopyByName (tableName, source, target, options)

    /// Writes all items in batches of 25, retrying unprocessed ones. A `[<DynamoDBVersion>]` class is refused (batch
    /// writes cannot carry the version condition); see `batchSaveWith`.
    let batchSave (table: DynamoTable<'T>) (items: 'T seq) : Aff<SessionEnv, Unit> = Dynamo.batchSave (table, items)

    /// `batchSave`; with `skipVersionCheck = true` a versioned class is accepted and its items written as they are,
    /// without optimistic locking.
    let batchSaveWith (table: DynamoTable<'T>) (skipVersionCheck: bool) (items: 'T seq) : Aff<SessionEnv, Unit> =
        Dynamo.batchSave (table, items, skipVersionCheck)

    /// `batchSave` with both opt-outs: `skipVersionCheck` as in `batchSaveWith`, and with `writeAsPlainValues = true` a
    /// class with `[<DynamoDBAtomicCounter>]` or `[<DynamoDbUpdateBehavior(UpdateBehavior.IfNotExists)>]` properties is
    /// accepted and the values the objects hold are stored (batch writes cannot add to a counter or keep a value).
    let batchSaveWithOptions (table: DynamoTable<'T>) (skipVersionCheck: bool) (writeAsPlainValues: bool) (items: 'T seq) : Aff<SessionEnv, Unit> =
        Dynamo.batchSave (table, items, skipVersionCheck, writeAsPlainValues)

    /// Deletes the items with the keys of `items`, in batches of 25. Refused for versioned classes; see `batchDeleteWith`.
    let batchDelete (table: DynamoTable<'T>) (items: 'T seq) : Aff<SessionEnv, Unit> = Dynamo.batchDelete (table, items)

    /// `batchDelete`; with `skipVersionCheck = true` versioned items are deleted whatever their stored version.
    let batchDeleteWith (table: DynamoTable<'T>) (skipVersionCheck: bool) (items: 'T seq) : Aff<SessionEnv, Unit> =
        Dynamo.batchDelete (table, items, skipVersionCheck)

    /// The items with these hash keys (tables without a range key), in the order of the keys; keys without an item
    /// are left out, a key given twice is read once.
    let batchGet (table: DynamoTable<'T>) (hashKeys: 'K seq) : Aff<SessionEnv, 'T list> =
        Dynamo.batchGet (table, hashKeys |> Seq.map (fun k -> ItemKey.Of(DbSupport.keyValue (nameof hashKeys) k))) |> SessionEffect.map List.ofSeq

    /// The items with these (hash, range) keys, as `batchGet`.
    let batchGetRange (table: DynamoTable<'T>) (keys: ('H * 'R) seq) : Aff<SessionEnv, 'T list> =
        Dynamo.batchGet (table, keys |> Seq.map (fun (h, r) -> ItemKey.Of(DbSupport.keyValue (nameof keys) h, DbSupport.keyValue (nameof keys) r))) |> SessionEffect.map List.ofSeq

    /// The items with these keys (`ItemKey.Of hash` or `ItemKey.Of(hash, range)`), as `batchGet`; strongly consistent
    /// reads when `consistentRead` is true.
    let batchGetWith (table: DynamoTable<'T>) (consistentRead: bool) (keys: ItemKey seq) : Aff<SessionEnv, 'T list> =
        Dynamo.batchGet (table, keys, consistentRead) |> SessionEffect.map List.ofSeq

    // ---- transactions ----

    /// Writes all parts (`Part.put`, `Part.update`, `Part.delete`, `Part.check`…) or none. Every part's table must
    /// resolve to the same session, otherwise it fails with `TransactionSessionException` before anything is sent. A
    /// failed condition raises `TransactionCanceledException` naming the failed parts.
    let transactWrite (parts: WritePart seq) : Aff<SessionEnv, Unit> = Dynamo.transactWrite parts

    /// `transactWrite` with an idempotency token (1 to 36 characters): a retry with the same token and parts within
    /// 10 minutes is applied once.
    let transactWriteWith (clientRequestToken: string) (parts: WritePart seq) : Aff<SessionEnv, Unit> =
        Dynamo.transactWrite (parts, clientRequestToken)

    /// Reads the items of all parts (`Part.get`, `Part.getRange`) at one point in time; find each part's item with
    /// `Db.find`. Every part's table must resolve to the same session, as for `transactWrite`.
    let transactGet (parts: GetPart seq) : Aff<SessionEnv, TransactGetResult> = Dynamo.transactGet parts

    /// The item `part` read in `result`, if there was one: `result |> Db.find alicePart`. Fails with
    /// `ArgumentException` when `part` was not a part of that transaction.
    let find (part: GetPart<'T>) (result: TransactGetResult) : 'T option = 
        match result.Find part with
        | null -> None
        | item -> Microsoft.FSharp.Core.Option.Some item

    // ---- identity ----

    /// Who `session` is (STS GetCallerIdentity, fetched once per session and cached).
    let callerIdentity (session: AwsSession) : Aff<SessionEnv, CallerIdentity> = Identity.callerIdentity session

    /// Who the session `table` resolves to when the effect runs is.
    let callerIdentityOf (table: DynamoTable) : Aff<SessionEnv, CallerIdentity> = Identity.callerIdentityOf table

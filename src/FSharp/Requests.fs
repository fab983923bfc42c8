namespace SessionEffects.FSharp

open System.Collections.Generic
open LanguageExt
open Microsoft.FSharp.Linq.RuntimeHelpers
open Microsoft.FSharp.Quotations
open SessionEffects

/// One page of a read (`Db.scanPage`, `Db.queryPage`, `Db.fetchPage`): its items and the token of the next page.
/// Pass `NextToken` back to read the next page; it is `None` after the last page. A page may hold fewer items than
/// the page size, even none, when a filter dropped some: keep going while there is a token.
type ItemPage<'T> =
    {
        /// The items of this page, in DynamoDB's order.
        Items: 'T list
        /// An opaque, URL-safe token for the next page; `None` at the end.
        NextToken: string option
    }

    /// Whether another page follows.
    member this.HasMore = this.NextToken.IsSome

/// Conditions on writes (`Db.saveWhen`, `Db.deleteWhen`, `Db.deleteItemWhen`, transaction parts) and filters on reads
/// (`ScanOptions(Filter = …)`), in F# form. The core's `DynamoCondition.For<'T>(fun x -> …)` works from F# as well
/// (F# turns a lambda passed to a method into a LINQ expression); combine conditions with `.And`, `.Or` and `.Not()`.
[<RequireQualifiedAccess>]
module Condition =

    /// A typed condition from a quotation over the item class, translated with the class mapping like
    /// `DynamoCondition.For`: `Condition.where<Account> <@ fun a -> a.Balance >= amount && a.Owner <> null @>`.
    /// Comparisons, `&&`, `||`, `not`, `x.Prop = null` (absent), `x.Name.StartsWith "…"`, `x.Name.Contains "…"`,
    /// `x.Tags.Contains v` and `values.Contains x.Prop` (IN, on a .NET collection such as `ResizeArray`) translate; F#'s
    /// `isNull` and `Seq.contains` / `List.contains` do not (use `= null` and `.Contains`). What cannot be translated
    /// fails here, naming the sub-expression.
    let where<'T when 'T: not struct and 'T: not null> (predicate: Expr<'T -> bool>) : DynamoCondition =
        match predicate with
        | Patterns.Lambda(item, body) ->
            let asDelegate = Expr.Cast<System.Func<'T, bool>>(Expr.NewDelegate(typeof<System.Func<'T, bool>>, [ item ], body))
            DynamoCondition.For<'T>(LeafExpressionConverter.QuotationToLambdaExpression asDelegate)
        | _ -> invalidArg (nameof predicate) $"Condition.where needs a lambda quotation, <@ fun x -> … @>; got {predicate}." 

    /// A condition from DynamoDB expression text with its own placeholders, the attribute names and the values as
    /// F# pairs: `Condition.text "#s <> :s and #n < :n" [ "#s", "status"; "#n", "retries" ] [ ":s", "cancelled"; ":n", 3 ]`
    /// (F# converts each value to `obj` where the list is written).
    let text (expression: string) (names: (string * string) list) (values: (string * obj) list) : DynamoCondition =
        DynamoCondition.Of(
            expression,
            names |> List.map (fun (placeholder, attribute) -> struct (placeholder, attribute)),
            values |> List.map (fun (placeholder, value) -> struct (placeholder, value)))

    /// The condition that no item with the key exists yet (put only if new).
    let itemDoesNotExist (table: DynamoTable) : DynamoCondition = DynamoCondition.ItemDoesNotExist table

/// The parts of transactions (`Db.transactWrite`, `Db.transactGet`), curried like the `Db` functions they mirror.
[<RequireQualifiedAccess>]
module Part =

    /// Puts `item` (replacing the item with its key); optimistic-locked on versioned classes.
    let put (table: DynamoTable<'T>) (item: 'T) : WritePart = WritePart.Put(table, item)

    /// Puts `item` only when `condition` holds (and, on versioned classes, the version matches).
    let putWhen (table: DynamoTable<'T>) (condition: DynamoCondition) (item: 'T) : WritePart = WritePart.Put(table, item, condition)

    /// Applies a typed update (and its condition) to the item with this hash key.
    let update (table: DynamoTable<'T>) (hashKey: obj) (update: ItemUpdate<'T>) : WritePart = WritePart.Update(table, hashKey, null, update)

    /// Applies a typed update (and its condition) to the item with this hash and range key.
    let updateRange (table: DynamoTable<'T>) (hashKey: obj) (rangeKey: obj) (update: ItemUpdate<'T>) : WritePart =
        WritePart.Update(table, hashKey, rangeKey, update)

    /// Applies an update with attribute names as stored (`ItemUpdate.Set("legacy", true)`) to the item with this key.
    let updateRaw (table: DynamoTable<'T>) (key: ItemKey) (update: ItemUpdate) : WritePart = WritePart.Update(table, key.HashKey, key.RangeKey, update)

    /// Deletes the item with this hash key.
    let delete (table: DynamoTable<'T>) (hashKey: obj) : WritePart = WritePart.Delete(table, hashKey)

    /// Deletes the item with this hash and range key.
    let deleteRange (table: DynamoTable<'T>) (hashKey: obj) (rangeKey: obj) : WritePart = WritePart.Delete(table, hashKey, rangeKey)

    /// Deletes the item with this key only when `condition` holds.
    let deleteWhen (table: DynamoTable<'T>) (condition: DynamoCondition) (key: ItemKey) : WritePart =
        WritePart.Delete(table, key.HashKey, key.RangeKey, condition)

    /// Deletes `item`'s key; on a versioned class only while the stored version is still the item's.
    let deleteItem (table: DynamoTable<'T>) (item: 'T) : WritePart = WritePart.DeleteItem(table, item)

    /// Checks `condition` on the item with this key, writing nothing; the transaction fails if it does not hold.
    let check (table: DynamoTable<'T>) (condition: DynamoCondition) (key: ItemKey) : WritePart =
        WritePart.Check(table, key.HashKey, key.RangeKey, condition)

    /// Reads the item with this hash key; keep the part to find its item with `Db.find`.
    let get (table: DynamoTable<'T>) (hashKey: obj) : GetPart<'T> = GetPart.Of(table, hashKey)

    /// Reads the item with this hash and range key; keep the part to find its item with `Db.find`.
    let getRange (table: DynamoTable<'T>) (hashKey: obj) (rangeKey: obj) : GetPart<'T> = GetPart.Of(table, hashKey, rangeKey)

/// Consuming streams (`Db.scanStream`, `Db.queryStream`, `Db.fetchStream`) one item at a time, memory staying at one
/// page. Inside `sessionEffect { }`, `for item in stream do …` does the same as `Stream.iter`.
[<RequireQualifiedAccess>]
module Stream =

    /// Runs `action` on every item of the stream, in order, each after the previous one has finished; stops at the
    /// first failure.
    let iter (action: 'a -> Aff<SessionEnv, Unit>) (stream: Aff<SessionEnv, IAsyncEnumerable<'a>>) : Aff<SessionEnv, Unit> =
        stream |> SessionEffect.bind (fun items -> sessionEffect { for item in items do do! action item })

    /// Folds the items of the stream into one value, in order, without holding more than a page.
    let fold (folder: 's -> 'a -> 's) (state: 's) (stream: Aff<SessionEnv, IAsyncEnumerable<'a>>) : Aff<SessionEnv, 's> =
        stream
        |> SessionEffect.bind (fun items ->
            SessionEffect.ofRun (fun env ->
                task {
                    use e = items.GetAsyncEnumerator(env.CancellationToken)
                    let mutable acc = state
                    let mutable more = true
                    while more do
                        let! next = e.MoveNextAsync()
                        if next then acc <- folder acc e.Current else more <- false
                    return Prelude.FinSucc acc
                }))

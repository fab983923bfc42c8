namespace SessionEffects.FSharp

open System
open System.Collections.Generic
open Amazon.DynamoDBv2.Model
open LanguageExt
open SessionEffects

/// Helpers of `Db` (not public).
module internal DbSupport =

    /// A core page as an F# page.
    let page (page: Page<'T>) : ItemPage<'T> =
        { Items = List.ofSeq page.Items; NextToken = Option.ofObj page.NextToken }

    /// A copy of C# record `options` that starts at `token`. C# records are copied with their `<Clone>$` method (what
    /// C#'s `with` calls), so every option, present and future, is kept; only `StartToken` changes.
    let startingAt (token: string option) (options: 'o when 'o :> ReadOptions) : 'o =
        let wanted = Option.toObj token
        if obj.ReferenceEquals(options.StartToken, wanted) then
            options
        else
            match options.GetType().GetMethod("<Clone>$"), typeof<ReadOptions>.GetProperty(nameof options.StartToken) with
            | null, _
            | _, null -> invalidOp $"{options.GetType().Name} is no longer a C# record with StartToken; SessionEffects.FSharp needs an update."
            | clone, startToken ->
                let copy = clone.Invoke(options, [||]) :?> 'o
                startToken.SetValue(copy, wanted)
                copy

    /// A LanguageExt option as an F# value option (never null, unlike F#'s `None`, so an effect can carry it).
    let found (item: Option<'T>) : 'T voption =
        match Seq.tryHead item with
        | Some value -> ValueSome value
        | None -> ValueNone

    /// A key value as the core takes it; null is refused.
    let keyValue (name: string) (value: 'K) : obj =
        match box value with
        | null -> nullArg name
        | v -> v

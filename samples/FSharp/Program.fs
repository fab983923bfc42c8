module SessionEffects.Samples.FSharp.Program

open System
open SessionEffects
open SessionEffects.FSharp
open SessionEffects.Testing

[<EntryPoint>]
let main _ =
    task {
        use! local = DynamoDbLocal.StartAsync()
        use defaultAccount = AwsSession.FromKeys("FsDefaultAccount01", "local-secret", "us-east-1").WithEndpoint(local.Endpoint)
        use project = AwsSession.FromKeys("FsProjectAccount02", "local-secret", "us-east-1").WithEndpoint(local.Endpoint)
        let! names = Scenario.demo project (printfn "%s") |> SessionEffect.runTask (Session.environment defaultAccount)
        printfn "Done: %A" names
        return 0
    }
    |> fun t -> t.GetAwaiter().GetResult()

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Copy;
using SessionEffects.Properties.Fixtures;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Checkpoints;

/// <summary>
/// A real copy on DynamoDB Local stopped half way: its last checkpoint (segments with tokens, counts) as JSON, and a
/// complete checkpoint of the same copy (every segment done). Made once per test run; the accounts are kept by key so
/// each test can build its own sessions (a session built from the same key reaches the same account).
/// </summary>
internal sealed record PartialCopy(string SourceKey, string TargetKey, int Items, string PartialJson, string CompleteJson)
{
    public const int Segments = 3;
    public const int PageSize = 10;

    private static readonly Lazy<Task<PartialCopy>> Made = new(MakeAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<PartialCopy> SharedAsync() => Made.Value;

    /// <summary>The copy options every run of this copy uses (resuming needs the same segment count).</summary>
    public static CopyOptions Options(CopyCheckpoint? resumeFrom = null) =>
        new() { CreateTable = true, Segments = Segments, PageSize = PageSize, ResumeFrom = resumeFrom };

    private static async Task<PartialCopy> MakeAsync()
    {
        var (sourceKey, targetKey, completeKey) = (LocalDynamo.NewAccessKey("CkSrc"), LocalDynamo.NewAccessKey("CkDst"), LocalDynamo.NewAccessKey("CkAll"));
        const int items = 150;
        using var source = await LocalDynamo.SessionAsync(sourceKey);
        using var target = await LocalDynamo.SessionAsync(targetKey);
        using var complete = await LocalDynamo.SessionAsync(completeKey);
        await CopyFixture.SeedAsync(source, items);

        using var cts = new CancellationTokenSource();
        CopyCheckpoint? last = null;
        var options = Options() with
        {
            ItemsPerSecond = 150,
            OnCheckpoint = c =>
            {
                last = c;
                if (c.Positions.Count(p => p.Token is not null) >= 2 && c.ItemsWritten >= 40)
                {
                    cts.Cancel();
                }
            },
        };
        try
        {
            await Run.Value(copyTable(CopyFixture.Shipments, target, options), SessionEnv.New(source, cts.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped half way, as meant.
        }

        var partial = last ?? throw new InvalidOperationException("the copy made no checkpoint");
        if (partial.IsComplete)
        {
            throw new InvalidOperationException("the copy finished before it could be stopped");
        }

        var all = await Run.Value(copyTable(CopyFixture.Shipments, complete, Options()), source);
        return new PartialCopy(sourceKey, targetKey, items, partial.ToJson(), all.Checkpoint.ToJson());
    }
}

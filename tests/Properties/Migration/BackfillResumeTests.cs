using System;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// A backfill stopped part way (cancelled once a few checkpoints are out) resumes from its last checkpoint: the pages
/// it covers are not read again, the counts cover both runs, and the sides end equal; a checkpoint of another table is
/// refused before anything is read or written.
/// </summary>
public sealed class BackfillResumeTests
{
    private static readonly DynamoTable<User> Users = MigrationBed.Users;

    [Fact]
    public async Task A_stopped_backfill_resumes_from_its_last_checkpoint_without_reading_those_pages_again()
    {
        using var bed = await MigrationBed.CreateAsync("BfResume");
        await MigrationBed.SeedAsync(bed.Source, 200);
        using var mirrored = AwsSession.Mirrored(bed.Source, bed.Target);
        using var stop = new CancellationTokenSource();
        CopyCheckpoint? last = null;
        var options = new BackfillOptions { Segments = 2, PageSize = 10, Concurrency = 2 };
        var stopped = options with
        {
            OnCheckpoint = checkpoint =>
            {
                last = checkpoint;
                if (checkpoint.ItemsRead >= 40)
                {
                    stop.Cancel();
                }
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run.Value(backfill(Users, stopped), SessionEnv.New(mirrored, stop.Token)));
        Assert.NotNull(last);
        Assert.False(last.IsComplete);
        Assert.True(last.ItemsRead is >= 40 and < 200, last.ToString());

        var resumed = await Run.Value(backfill(Users, options with { ResumeFrom = last }), mirrored);
        Assert.Equal(200 - last.ItemsRead, resumed.Scanned);
        Assert.True(resumed.Checkpoint!.IsComplete);
        Assert.Equal(200, resumed.Checkpoint.ItemsRead);
        Assert.True((await bed.CompareAsync()).IsIdentical);

        var other = CopyCheckpoint.Start("orders", last.KeySchema, last.Segments);
        var refused = await Assert.ThrowsAsync<CopyCheckpointException>(() => Run.Value(backfill(Users, options with { ResumeFrom = other }), mirrored));
        Assert.Contains("it is a checkpoint of table orders", refused.Message, StringComparison.Ordinal);
    }
}

using System;
using System.IO;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Copy;

/// <summary>
/// Fault injection: the target's DynamoDB Local (a second instance, with its data on disk) is stopped in the middle of a
/// segmented copy. The copy stops with the latest checkpoint; after a restart, the copy resumed from that checkpoint
/// reaches the same end state as an uninterrupted one, as verification proves.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class CopyFaultTests
{
    private static readonly DynamoTable<Shipment> Shipments = CopyFixture.Shipments;

    [EngineFact(EngineFeature.DataDirectory)]
    public async Task A_copy_whose_target_goes_away_stops_with_a_checkpoint_and_resumes_after_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("copy-fault-");
        var port = FreeLoopbackPort.Next();
        var options = new DynamoDbLocalOptions { DataDirectory = folder.FullName, Port = port };
        var targetLocal = await DynamoDbLocal.StartAsync(options);
        try
        {
            using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("FaultSrc"));
            using var target = AwsSession.FromKeys(LocalDynamo.NewAccessKey("FaultDst"), "fault-secret", "us-east-1").WithEndpoint(targetLocal.Endpoint);
            await CopyFixture.SeedAsync(source, 5_000);

            var written = 0L;
            var stopped = false;
            var copy = new CopyOptions
            {
                CreateTable = true,
                Segments = 3,
                PageSize = 50,
                ItemsPerSecond = 1_500,
                OnCheckpoint = checkpoint =>
                {
                    if (!stopped && ++written >= 20)
                    {
                        // About 1,000 items are in: take the target away under the running copy.
                        stopped = true;
                        _ = Task.Run(() => targetLocal.DisposeAsync().AsTask());
                    }
                },
            };

            var interrupted = await Assert.ThrowsAsync<CopyInterruptedException>(() => Run.Value(copyTable(Shipments, target, copy), source));
            Assert.NotNull(interrupted.Checkpoint);
            Assert.False(interrupted.Checkpoint!.IsComplete);
            Assert.Contains("resume", interrupted.Message, StringComparison.Ordinal);
            Assert.Contains("BatchWriteItem on table shipments via", interrupted.InnerException!.Message, StringComparison.Ordinal);

            targetLocal = await DynamoDbLocal.StartAsync(options);
            var partial = await Run.Value(count(Shipments), target);
            Assert.InRange(partial, 1, 4_999);

            var resumed = await Run.Value(copyTable(Shipments, target, copy with { OnCheckpoint = null, ItemsPerSecond = null, ResumeFrom = CopyCheckpoint.FromJson(interrupted.Checkpoint.ToJson()) }), source);
            Assert.True(resumed.Checkpoint.IsComplete);
            var verified = await Run.Value(verifyCopy(Shipments, target), source);
            Assert.True(verified.IsIdentical, verified.ToString());
            Assert.Equal(5_000, verified.TargetItems);
        }
        finally
        {
            await targetLocal.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }
}

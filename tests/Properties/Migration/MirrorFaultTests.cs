using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Testing;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;
using SessionEffects.TestSupport;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// Fault injection: the secondary's DynamoDB Local (a second instance, with its data on disk) is stopped while the
/// application writes through the mirror. In lenient mode every write succeeds and each key is recorded (in the
/// dirty-key file, read back by a mirror made again after a restart); in strict mode the write fails after the primary
/// took it, and its key is recorded too. After the secondary is back, a reconcile repairs every key from the primary
/// until a comparison finds no difference.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class MirrorFaultTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();

    [EngineFact(EngineFeature.DataDirectory)]
    public async Task Writes_while_the_secondary_is_down_record_their_keys_and_a_reconcile_repairs_them_after_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("mirror-fault-");
        var dirtyFile = Path.Combine(folder.FullName, "dirty.jsonl");
        var options = new DynamoDbLocalOptions { DataDirectory = Path.Combine(folder.FullName, "data"), Port = FreeLoopbackPort.Next() };
        Directory.CreateDirectory(options.DataDirectory);
        var secondaryLocal = await DynamoDbLocal.StartAsync(options);
        try
        {
            using var primary = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("MirFaultP"));
            var secondaryKey = LocalDynamo.NewAccessKey("MirFaultS");

            // No SDK retries against the stopped instance: each failed write fails at once.
            using var secondary = AwsSession.FromKeys(secondaryKey, "fault-secret", "us-east-1").WithEndpoint(secondaryLocal.Endpoint)
                .WithClientConfiguration(c => c.MaxErrorRetry = 0);
            await Run.Value(createTable(Users), primary);
            await Run.Value(createTable(Users), secondary);

            var mirrorOptions = new MirrorOptions { DirtyKeysFile = dirtyFile };
            using (var mirrored = AwsSession.Mirrored(primary, secondary, mirrorOptions))
            {
                for (var i = 0; i < 10; i++)
                {
                    await Run.Value(save(Users, new User { Id = "u" + i, Name = "before" }), mirrored);
                }

                await secondaryLocal.DisposeAsync();

                // The secondary is gone: every write still succeeds on the primary, and its key is owed.
                for (var i = 0; i < 10; i += 2)
                {
                    await Run.Value(update(Users, "u" + i, null, ItemUpdate.Set("name", "while down")), mirrored);
                }

                await Run.Value(delete(Users, "u1"), mirrored);
                await Run.Value(batchSave(Users, Enumerable.Range(20, 5).Select(i => new User { Id = "u" + i })), mirrored);

                var statistics = mirrored.Mirror!.Statistics;
                Assert.Equal(10, statistics.MirroredWrites);
                Assert.Equal(11, statistics.FailedWrites);
                Assert.Equal(11, statistics.DirtyKeys);
                Assert.Equal(11, File.ReadAllLines(dirtyFile).Length);

                // Strict mode: the write fails after the primary took it, and its key is owed all the same.
                using var strict = AwsSession.Mirrored(primary, secondary, new MirrorOptions { Strict = true });
                var failed = await Assert.ThrowsAsync<MirrorWriteException>(() => Run.Value(save(Users, new User { Id = "strict", Name = "s" }), strict));
                Assert.Contains("recorded for repair", failed.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("fault-secret", failed.ToString(), StringComparison.Ordinal);
                Assert.True((await Run.Value(get(Users, "strict"), primary)).IsSome);
                Assert.Equal([new MirrorKey("users", new System.Collections.Generic.Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> { ["id"] = new() { S = "strict" } })], strict.Mirror!.DirtyKeys);
            }

            secondaryLocal = await DynamoDbLocal.StartAsync(options);

            // A mirror made again (a restarted process) finds what is owed in the file, and repairs it.
            using var again = AwsSession.Mirrored(primary, secondary, mirrorOptions);
            Assert.Equal(11, again.Mirror!.DirtyKeys.Count);
            var before = await Run.Value(verifyCopy(Users, secondary), primary);
            Assert.False(before.IsIdentical);

            var reconciled = await Run.Value(useSession(Users, again, reconcile(Users)), primary);
            Assert.True(reconciled.Converged, reconciled.LastPass.ToString());
            Assert.Equal(2, reconciled.Passes);
            Assert.Equal(12, reconciled.Repaired); // the 11 owed and the strict write the comparison found
            Assert.Empty(again.Mirror.DirtyKeys);
            var after = await Run.Value(verifyCopy(Users, secondary), primary);
            Assert.True(after.IsIdentical, after.ToString());
            Assert.Equal(15, after.TargetItems);
            Assert.Equal("while down", (await Run.Value(get(Users, "u4"), secondary)).Map(u => u.Name).IfNone("?"));
        }
        finally
        {
            await secondaryLocal.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Copy;
using SessionEffects.Properties.Fixtures;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Checkpoints;

/// <summary>
/// A checkpoint is checked whole: any single-field edit of a real checkpoint (every field, every segment) is refused
/// with <see cref="CopyCheckpointException"/> before any request is sent to either side — the SDK's own request events
/// on both sessions see none — and the unedited checkpoint resumes to a target with 0 differences and cumulative counts.
/// </summary>
public sealed class CheckpointIntegrityProperties
{
    public static class Arbitraries
    {
        /// <summary>Which checkpoint (half way or complete) and which of its edits (an index reduced modulo their number).</summary>
        public static Arbitrary<(bool Complete, int Edit)> Picks() =>
            Arb.From(from complete in Gen.Elements(false, true) from edit in Gen.Choose(0, 10_000) select (complete, edit));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(Arbitraries)])]
    public Property A_random_single_field_edit_is_refused_before_any_request((bool Complete, int Edit) pick)
    {
        var copy = PartialCopy.SharedAsync().GetAwaiter().GetResult();
        var edits = CheckpointEdits.All(pick.Complete ? copy.CompleteJson : copy.PartialJson);
        var edit = edits[pick.Edit % edits.Count];
        var (refused, sent) = Task.Run(() => TryResume(copy, edit.Json)).GetAwaiter().GetResult();
        return (refused is not null && sent == 0).Label($"{edit.Name}: {(refused is null ? "accepted" : "refused")}, {sent} request(s) sent")
            .Classify(edit.Name.Contains("Token", StringComparison.Ordinal), "token")
            .Classify(edit.Name.Contains("Done", StringComparison.Ordinal), "done flag")
            .Classify(edit.Name.Contains("Items", StringComparison.Ordinal), "count")
            .Classify(!edit.Name.StartsWith("segment", StringComparison.Ordinal), "checkpoint field");
    }

    [Fact]
    public async Task Every_single_field_edit_of_every_segment_is_refused_before_any_request()
    {
        var copy = await PartialCopy.SharedAsync();
        var edits = CheckpointEdits.All(copy.PartialJson).Concat(CheckpointEdits.All(copy.CompleteJson)).ToList();
        Assert.True(edits.Count >= 60, $"{edits.Count} edits");
        Assert.Contains(edits, e => e.Name == "segment 2 Done and Token cleared (marked finished)");
        var accepted = new List<string>();
        foreach (var edit in edits)
        {
            var (refused, sent) = await TryResume(copy, edit.Json);
            if (refused is null || sent > 0)
            {
                accepted.Add($"{edit.Name}: {(refused is null ? "accepted" : "refused")} after {sent} request(s)");
            }
            else
            {
                Assert.StartsWith("The copy checkpoint is not usable: ", refused.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("resume", refused.Message, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.True(accepted.Count == 0, string.Join("\n", accepted));
    }

    [Fact]
    public async Task The_unedited_checkpoint_resumes_to_no_difference_and_counts_every_run()
    {
        var copy = await PartialCopy.SharedAsync();
        using var source = await LocalDynamo.SessionAsync(copy.SourceKey);
        using var target = await LocalDynamo.SessionAsync(copy.TargetKey);
        var checkpoint = CopyCheckpoint.FromJson(copy.PartialJson);
        Assert.False(checkpoint.IsComplete);
        Assert.InRange(checkpoint.ItemsWritten, 1, copy.Items - 1);

        var resumed = await Run.Value(copyTable(CopyFixture.Shipments, target, PartialCopy.Options(checkpoint)), source);
        var verified = await Run.Value(verifyCopy(CopyFixture.Shipments, target), source);
        Assert.True(verified.IsIdentical, verified.ToString());
        Assert.Equal(copy.Items, verified.TargetItems);

        // Cumulative over both runs, each item once; this run alone wrote only what the checkpoint did not cover.
        Assert.Equal(copy.Items, resumed.TotalItemsWritten);
        Assert.Equal(copy.Items, resumed.TotalItemsRead);
        Assert.Equal(copy.Items, resumed.Checkpoint.ItemsWritten);
        Assert.Equal(copy.Items - checkpoint.ItemsWritten, resumed.ItemsWritten);
    }

    [Fact]
    public async Task A_checkpoint_with_a_valid_checksum_is_still_refused_for_another_source_session_or_key_schema()
    {
        var copy = await PartialCopy.SharedAsync();
        var checkpoint = CopyCheckpoint.FromJson(copy.PartialJson);

        // Another account as the source: the tokens in the checkpoint were issued under the first one.
        using var otherSource = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CkOther"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CkNone"));
        using (var sourceLog = new RequestLog(otherSource))
        using (var targetLog = new RequestLog(target))
        {
            var session = await Assert.ThrowsAsync<CopyCheckpointException>(() => Run.Value(copyTable(CopyFixture.Shipments, target, PartialCopy.Options(checkpoint)), otherSource));
            Assert.Contains("issued under another session", session.Message, StringComparison.Ordinal);
            Assert.Empty(sourceLog.Operations);
            Assert.Empty(targetLog.Operations);
        }

        // The same table name with other keys (recreated since): refused, though the checksum matches.
        var otherKeys = new CopyCheckpoint(checkpoint.TableName, "hash tenant:S", checkpoint.Positions);
        var reread = CopyCheckpoint.FromJson(otherKeys.ToJson());
        using var source = await LocalDynamo.SessionAsync(copy.SourceKey);
        using (var sourceLog = new RequestLog(source))
        using (var targetLog = new RequestLog(target))
        {
            var keys = await Assert.ThrowsAsync<CopyCheckpointException>(() => Run.Value(copyTable(CopyFixture.Shipments, target, PartialCopy.Options(reread)), source));
            Assert.Contains("key schema hash tenant:S", keys.Message, StringComparison.Ordinal);
            Assert.Empty(sourceLog.Operations);
            Assert.Empty(targetLog.Operations);
        }

        // A copy by name checks table and segments before it even describes the source.
        using (var sourceLog = new RequestLog(source))
        {
            await Assert.ThrowsAsync<CopyCheckpointException>(() => Run.Value(copyTableByName("other_table", source, target, PartialCopy.Options(checkpoint)), source));
            Assert.Empty(sourceLog.Operations);
        }
    }

    /// <summary>Reads <paramref name="json"/> and resumes the copy from it, with both sides' requests recorded.</summary>
    private static async Task<(CopyCheckpointException? Refused, int Sent)> TryResume(PartialCopy copy, string json)
    {
        using var source = await LocalDynamo.SessionAsync(copy.SourceKey);
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CkProbe"));
        using var sourceLog = new RequestLog(source);
        using var targetLog = new RequestLog(target);
        try
        {
            var checkpoint = CopyCheckpoint.FromJson(json);
            await Run.Value(copyTable(CopyFixture.Shipments, target, PartialCopy.Options(checkpoint)), source);
            return (null, sourceLog.Operations.Count + targetLog.Operations.Count);
        }
        catch (CopyCheckpointException ex)
        {
            return (ex, sourceLog.Operations.Count + targetLog.Operations.Count);
        }
    }
}

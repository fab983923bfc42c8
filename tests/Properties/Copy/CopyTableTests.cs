using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.Copy;

/// <summary>Whole-table copies between two accounts on DynamoDB Local, proven by verification.</summary>
public sealed class CopyTableTests
{
    private static readonly DynamoTable<Shipment> Shipments = CopyFixture.Shipments;

    [EngineFact(EngineFeature.TimeToLive)]
    public async Task Twenty_thousand_items_copy_into_a_created_table_and_verify_with_no_difference()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CopySrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CopyDst"));
        await CopyFixture.SeedAsync(source, 20_000);
        var reports = new ConcurrentQueue<CopyProgress>();
        var checkpoints = new List<CopyCheckpoint>();

        var result = await Run.Value(copyTable(Shipments, target, new CopyOptions
        {
            Segments = 4,
            CreateTable = true,
            Progress = new SyncProgress<CopyProgress>(reports.Enqueue),
            ProgressInterval = TimeSpan.FromMilliseconds(200),
            OnCheckpoint = checkpoints.Add,
        }), source);

        Assert.Equal(20_000, result.ItemsWritten);
        Assert.True(result.TableCreated);
        Assert.True(result.Checkpoint.IsComplete);
        Assert.True(checkpoints.Count >= 200, $"{checkpoints.Count} checkpoints");
        Assert.True(checkpoints.Zip(checkpoints.Skip(1)).All(p => p.Item1.Positions.Count(x => x.Done) <= p.Item2.Positions.Count(x => x.Done)));
        var last = reports.Last();
        Assert.Equal((20_000L, 20_000L, 4, 4), (last.ItemsRead, last.ItemsWritten, last.SegmentsDone, last.Segments));

        var description = (await target.DynamoDB.DescribeTableAsync("shipments")).Table;
        Assert.Equal("by-status", Assert.Single(description.GlobalSecondaryIndexes).IndexName);
        var ttl = await target.DynamoDB.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = "shipments" });
        Assert.Equal("expires", ttl.TimeToLiveDescription.AttributeName);

        var verified = await Run.Value(verifyCopy(Shipments, target), source);
        Assert.True(verified.IsIdentical, verified.ToString());
        Assert.Equal((20_000L, 20_000L), (verified.SourceItems, verified.TargetItems));

        // DynamoDB Local keeps everything in memory: give the 40,000 items back to the rest of the run.
        await Task.WhenAll(Run.Value(deleteTable(Shipments), source), Run.Value(deleteTable(Shipments), target));
    }

    [Fact]
    public async Task Verify_names_missing_extra_and_different_items()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("VerSrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("VerDst"));
        await CopyFixture.SeedAsync(source, 300);
        await Run.Value(copyTable(Shipments, target, new CopyOptions { CreateTable = true, Segments = 2 }), source);

        await target.DynamoDB.DeleteItemAsync("shipments", Key("t3", 3));
        await target.DynamoDB.UpdateItemAsync(new UpdateItemRequest { TableName = "shipments", Key = Key("t5", 5), UpdateExpression = "SET x_meta.n = :n", ExpressionAttributeValues = new() { [":n"] = new AttributeValue { N = "2" } } });
        await target.DynamoDB.PutItemAsync("shipments", new Dictionary<string, AttributeValue>(Key("zz", 999)));
        // Numbers equal by value and sets in another order are not differences.
        await target.DynamoDB.UpdateItemAsync(new UpdateItemRequest { TableName = "shipments", Key = Key("t6", 6), UpdateExpression = "SET x_meta.n = :n", ExpressionAttributeValues = new() { [":n"] = new AttributeValue { N = "1.5000" } } });

        var result = await Run.Value(verifyCopy(Shipments, target, new VerifyOptions { Segments = 3 }), source);
        Assert.Equal((1L, 1L, 1L), (result.MissingCount, result.ExtraCount, result.DifferentCount));
        Assert.Equal(["{tenant=t3, seq=3}"], result.Missing);
        Assert.Equal(["{tenant=zz, seq=999}"], result.Extra);
        Assert.Equal(["{tenant=t5, seq=5}"], result.Different);
        Assert.False(result.IsIdentical);
    }

    [Fact]
    public async Task A_table_without_a_class_copies_by_name_and_a_filter_copies_a_subset()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("NameSrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("NameDst"));
        await CopyFixture.SeedAsync(source, 500);

        var byName = await Copies.CopyTableAsync("shipments", source, target, new CopyOptions { CreateTable = true, Filter = DynamoCondition.Of("#s = :s", [("#s", "status")], [(":s", "done")]) });
        Assert.Equal(500 / 3, byName.ItemsWritten);
        var verified = await Copies.VerifyCopyAsync("shipments", source, target, new VerifyOptions { Filter = DynamoCondition.Of("#s = :s", [("#s", "status")], [(":s", "done")]) });
        Assert.True(verified.IsIdentical, verified.ToString());

        var typedOnRaw = await Assert.ThrowsAsync<ArgumentException>(() => Copies.CopyTableAsync("shipments", source, target, new CopyOptions { Filter = DynamoCondition.For<Shipment>(s => s.Status == "new") }));
        Assert.Contains("cannot apply to table shipments", typedOnRaw.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_with_another_key_schema_or_a_missing_one_fails_clearly_before_copying()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("SchemaSrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("SchemaDst"));
        await CopyFixture.SeedAsync(source, 10);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Run.Value(copyTable(Shipments, target), source));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        await target.DynamoDB.CreateTableAsync(new CreateTableRequest
        {
            TableName = "shipments",
            KeySchema = [new KeySchemaElement("tenant", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("tenant", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        var schema = await Assert.ThrowsAsync<InvalidOperationException>(() => Run.Value(copyTable(Shipments, target, new CopyOptions { CreateTable = true }), source));
        Assert.Contains("hash tenant:S, range seq:N", schema.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await target.DynamoDB.ScanAsync(new ScanRequest { TableName = "shipments" })).Count);
    }

    [Fact]
    public async Task A_checkpoint_from_another_table_or_segment_count_is_refused()
    {
        using var source = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CpSrc"));
        using var target = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("CpDst"));
        await CopyFixture.SeedAsync(source, 50);
        CopyCheckpoint? first = null;
        await Run.Value(copyTable(Shipments, target, new CopyOptions { CreateTable = true, Segments = 2, PageSize = 10, OnCheckpoint = c => first ??= c }), source);

        var json = first!.ToJson();
        var back = CopyCheckpoint.FromJson(json);
        Assert.Equal(first, back);
        Assert.Equal(first.Positions.ToArray(), back.Positions.ToArray());
        var wrongSegments = await Assert.ThrowsAsync<CopyCheckpointException>(() => Run.Value(copyTable(Shipments, target, new CopyOptions { Segments = 3, ResumeFrom = back }), source));
        Assert.Contains("2 segment(s)", wrongSegments.Message, StringComparison.Ordinal);
        var wrongTable = await Assert.ThrowsAsync<CopyCheckpointException>(() => Run.Value(copyTable(DynamoTable.Of<User>(), target, new CopyOptions { Segments = 2, ResumeFrom = back }), source));
        Assert.Contains("table shipments", wrongTable.Message, StringComparison.Ordinal);
        Assert.Throws<CopyCheckpointException>(() => CopyCheckpoint.FromJson("{\"not\":1}"));
        Assert.Throws<CopyCheckpointException>(() => CopyCheckpoint.FromJson("{\"Version\":1,\"TableName\":\"shipments\",\"Segments\":[null]}"));
        Assert.Throws<CopyCheckpointException>(() => CopyCheckpoint.FromJson("{\"Version\":2,\"TableName\":\"shipments\",\"KeySchema\":\"hash tenant:S\",\"Segments\":[null]}"));
    }

    private static Dictionary<string, AttributeValue> Key(string tenant, int seq) =>
        new() { ["tenant"] = new AttributeValue { S = tenant }, ["seq"] = new AttributeValue { N = seq.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    /// <summary>Reports on the reporting thread (Progress&lt;T&gt; would post to a synchronization context).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

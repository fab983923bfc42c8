using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.DataLayer;

/// <summary>Table options on create: projections, capacities, TTL, stream, tags, deletion protection — read back from DynamoDB Local.</summary>
public sealed class TableOptionsTests
{
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();

    [EngineFact(EngineFeature.TimeToLive | EngineFeature.Streams)]
    public async Task Create_applies_projections_capacities_stream_tags_protection_and_ttl()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Opts"));
        var options = new CreateTableOptions
        {
            ReadCapacityUnits = 5,
            WriteCapacityUnits = 4,
            Indexes =
            [
                new IndexOptions("by-status") { Projection = IndexProjection.Include("Account", "Tags"), ReadCapacityUnits = 3, WriteCapacityUnits = 2 },
                new IndexOptions("by-total") { Projection = IndexProjection.KeysOnly },
            ],
            Stream = StreamViewType.NEW_AND_OLD_IMAGES,
            Tags = new Dictionary<string, string> { ["team"] = "data", ["env"] = "test" },
            DeletionProtection = true,
            TimeToLiveAttribute = "expires",
        };
        using var log = new RequestLog(session);
        var created = await Run.Value(createTable(Orders, options), session);

        var gsi = Assert.Single(created.GlobalSecondaryIndexes);
        Assert.Equal("INCLUDE", gsi.Projection.ProjectionType.Value);
        Assert.Equal(["Account", "Tags"], gsi.Projection.NonKeyAttributes);
        Assert.Equal(3, gsi.ProvisionedThroughput.ReadCapacityUnits);
        Assert.Equal(2, gsi.ProvisionedThroughput.WriteCapacityUnits);
        Assert.Equal("KEYS_ONLY", Assert.Single(created.LocalSecondaryIndexes).Projection.ProjectionType.Value);
        Assert.Equal(5, created.ProvisionedThroughput.ReadCapacityUnits);
        Assert.True(created.StreamSpecification?.StreamEnabled);
        Assert.Equal("NEW_AND_OLD_IMAGES", created.StreamSpecification?.StreamViewType?.Value);

        var ttl = await session.DynamoDB.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = "orders" });
        Assert.Equal("expires", ttl.TimeToLiveDescription.AttributeName);
        Assert.Equal("ENABLED", ttl.TimeToLiveDescription.TimeToLiveStatus.Value);

        // DynamoDB Local accepts tags on CreateTable but has no tagging API to read them back: check what was sent.
        var sent = Assert.Single(log.Sent<CreateTableRequest>());
        Assert.Equal(["env=test", "team=data"], sent.Tags.Select(t => $"{t.Key}={t.Value}").Order(StringComparer.Ordinal));

        Assert.True(created.DeletionProtectionEnabled);
        await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => Run.Value(deleteTable(Orders), session));
        await session.DynamoDB.UpdateTableAsync(new UpdateTableRequest { TableName = "orders", DeletionProtectionEnabled = false });

        await Run.Value(updateTimeToLive(Orders, "expires", enabled: false), session);
        var off = await session.DynamoDB.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = "orders" });
        Assert.Equal("DISABLED", off.TimeToLiveDescription.TimeToLiveStatus.Value);
        await Run.Value(deleteTable(Orders), session);
    }

    [Fact]
    public async Task Wrong_index_options_fail_before_sending()
    {
        using var session = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("OptsBad"));
        using var log = new RequestLog(session);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(createTable(Orders, new CreateTableOptions { Indexes = [new IndexOptions("nope")] }), session));
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);
        var onDemand = await Assert.ThrowsAsync<ArgumentException>(() =>
            Run.Value(createTable(Orders, new CreateTableOptions { Indexes = [new IndexOptions("by-status") { ReadCapacityUnits = 1 }] }), session));
        Assert.Contains("on-demand", onDemand.Message, StringComparison.Ordinal);
        var local = await Assert.ThrowsAsync<ArgumentException>(() =>
            Run.Value(createTable(Orders, new CreateTableOptions { ReadCapacityUnits = 1, WriteCapacityUnits = 1, Indexes = [new IndexOptions("by-total") { ReadCapacityUnits = 1 }] }), session));
        Assert.Contains("local index", local.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => IndexProjection.Include());
        Assert.Empty(log.Operations);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// A copy job's lease table in DynamoDB: one partition per job (hash key <c>job</c>), a row <c>#job</c> with the
/// definition and one row per segment (<c>segment#000042</c>). A segment row that does not exist yet is pending at
/// version 0, so a job needs no set-up step that a crash could leave half done. Every segment write is a PutItem on
/// the condition that the stored version is the one the writer read (or that the row does not exist, for version 0).
/// </summary>
internal sealed class LeaseTable(AwsSession session, string name, string target, string job)
{
    private const string JobRow = "#job";

    /// <summary>The lease table of <paramref name="options"/>, named by <paramref name="session"/>'s table naming.</summary>
    public static LeaseTable For(AwsSession session, CopyJobOptions options)
    {
        var (name, target) = PhysicalTable.Named(session, options.LeaseTableName);
        return new LeaseTable(session, name, target, options.JobName);
    }

    /// <summary>Creates the table when it is missing (on demand billing) and waits until it is active.</summary>
    public Task Ensure(CancellationToken ct) => Call("CreateTable", async (db, token) =>
    {
        try
        {
            await db.DescribeTableAsync(name, token).ConfigureAwait(false);
            return true;
        }
        catch (ResourceNotFoundException)
        {
        }

        try
        {
            await db.CreateTableAsync(new CreateTableRequest
            {
                TableName = name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new("job", ScalarAttributeType.S), new("row", ScalarAttributeType.S)],
                KeySchema = [new("job", KeyType.HASH), new("row", KeyType.RANGE)],
            }, token).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Another worker created it first.
        }

        await TableWait.Active(db, name, TimeSpan.FromMinutes(5), token).ConfigureAwait(false);
        return true;
    }, ct);

    /// <summary>The stored definition, or null when the job was never started.</summary>
    public Task<CopyJobDefinition?> ReadJob(CancellationToken ct) => Call("GetItem", async (db, token) =>
    {
        var item = (await db.GetItemAsync(new GetItemRequest { TableName = name, Key = Key(JobRow), ConsistentRead = true }, token).ConfigureAwait(false)).Item;
        return item is { Count: > 0 }
            ? new CopyJobDefinition(job, item["source"].S, item["target"].S, item["keySchema"].S, int.Parse(item["segments"].N, CultureInfo.InvariantCulture), item["digest"].S)
            {
                CreatedAt = item.TryGetValue("created", out var created) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(created.N, CultureInfo.InvariantCulture)) : null,
            }
            : null;
    }, ct);

    /// <summary>Stores the definition unless one is there; returns the one that is stored afterwards.</summary>
    public async Task<CopyJobDefinition> Define(CopyJobDefinition definition, string worker, CancellationToken ct)
    {
        var stored = await Call("PutItem", async (db, token) =>
        {
            var item = Key(JobRow);
            item["source"] = new AttributeValue { S = definition.SourceName };
            item["target"] = new AttributeValue { S = definition.TargetName };
            item["keySchema"] = new AttributeValue { S = definition.KeySchema };
            item["segments"] = Number(definition.Segments);
            item["digest"] = new AttributeValue { S = definition.Digest };
            item["createdBy"] = new AttributeValue { S = worker };
            item["created"] = Number((definition.CreatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds());
            return await Conditional(db.PutItemAsync(new PutItemRequest { TableName = name, Item = item, ConditionExpression = "attribute_not_exists(#r)", ExpressionAttributeNames = new() { ["#r"] = "row" } }, token)).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        return stored ? definition : (await ReadJob(ct).ConfigureAwait(false))!;
    }

    /// <summary>Every segment's row, strongly consistent; rows not written yet are pending.</summary>
    public Task<SegmentLease[]> ReadSegments(int segments, CancellationToken ct) => Call("Query", async (db, token) =>
    {
        var rows = Enumerable.Range(0, segments).Select(SegmentLease.Pending).ToArray();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await db.QueryAsync(new QueryRequest
            {
                TableName = name,
                ConsistentRead = true,
                KeyConditionExpression = "#j = :j AND begins_with(#r, :s)",
                ExpressionAttributeNames = new() { ["#j"] = "job", ["#r"] = "row" },
                ExpressionAttributeValues = new() { [":j"] = new AttributeValue { S = job }, [":s"] = new AttributeValue { S = "segment#" } },
                ExclusiveStartKey = start,
            }, token).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                var lease = FromItem(item);
                if (lease.Segment < segments)
                {
                    rows[lease.Segment] = lease;
                }
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return rows;
    }, ct);

    /// <summary>Writes <paramref name="next"/> if the stored row is still at <paramref name="expectedVersion"/>; false when another writer came first.</summary>
    public Task<bool> TryWrite(SegmentLease next, long expectedVersion, CancellationToken ct) => Call("PutItem", (db, token) =>
    {
        var request = new PutItemRequest { TableName = name, Item = ToItem(next), ExpressionAttributeNames = new() { ["#r"] = "row" } };
        if (expectedVersion == 0)
        {
            request.ConditionExpression = "attribute_not_exists(#r)";
        }
        else
        {
            request.ConditionExpression = "#v = :v";
            request.ExpressionAttributeNames["#v"] = "version";
            request.ExpressionAttributeValues = new() { [":v"] = Number(expectedVersion) };
            request.ExpressionAttributeNames.Remove("#r");
        }

        return Conditional(db.PutItemAsync(request, token));
    }, ct);

    private static async Task<bool> Conditional(Task<PutItemResponse> put)
    {
        try
        {
            await put.ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private Task<R> Call<R>(string operation, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken ct) =>
        SessionCall.Run(session, operation, target, request, ct);

    private Dictionary<string, AttributeValue> Key(string row) => new() { ["job"] = new AttributeValue { S = job }, ["row"] = new AttributeValue { S = row } };

    private Dictionary<string, AttributeValue> ToItem(SegmentLease lease)
    {
        var item = Key("segment#" + lease.Segment.ToString("D6", CultureInfo.InvariantCulture));
        item["segment"] = Number(lease.Segment);
        item["state"] = new AttributeValue { S = lease.State.ToString() };
        item["version"] = Number(lease.Version);
        item["items"] = Number(lease.ItemsWritten);
        item["claims"] = Number(lease.Claims);
        if (lease.Owner is { } owner)
        {
            item["owner"] = new AttributeValue { S = owner };
        }

        if (lease.ExpiresAt is { } expires)
        {
            item["expires"] = Number(expires.ToUnixTimeMilliseconds());
        }

        if (lease.UpdatedAt is { } at)
        {
            item["at"] = Number(at.ToUnixTimeMilliseconds());
        }

        if (lease.History is { Count: > 0 } history)
        {
            item["history"] = new AttributeValue { L = [.. history.Select(e => new AttributeValue { S = e.Encode() })] };
        }

        if (lease.HistoryTruncated)
        {
            item["historyTruncated"] = new AttributeValue { BOOL = true };
        }

        if (lease.Tally is { } tally)
        {
            item["tally"] = new AttributeValue
            {
                M = new()
                {
                    ["source"] = Number(tally.SourceItems),
                    ["target"] = Number(tally.TargetItems),
                    ["missing"] = Number(tally.MissingCount),
                    ["extra"] = Number(tally.ExtraCount),
                    ["different"] = Number(tally.DifferentCount),
                    ["missingKeys"] = Keys(tally.Missing),
                    ["extraKeys"] = Keys(tally.Extra),
                    ["differentKeys"] = Keys(tally.Different),
                },
            };
        }

        if (lease.Checkpoint is { Count: > 0 } checkpoint)
        {
            item["checkpoint"] = new AttributeValue { M = new Dictionary<string, AttributeValue>(checkpoint) };
        }

        return item;
    }

    private static SegmentLease FromItem(Dictionary<string, AttributeValue> item) =>
        new(
            int.Parse(item["segment"].N, CultureInfo.InvariantCulture),
            Enum.Parse<SegmentState>(item["state"].S),
            item.TryGetValue("owner", out var owner) ? owner.S : null,
            long.Parse(item["version"].N, CultureInfo.InvariantCulture),
            item.TryGetValue("expires", out var expires) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(expires.N, CultureInfo.InvariantCulture)) : null,
            item.TryGetValue("checkpoint", out var checkpoint) && checkpoint.M is { Count: > 0 } key ? key : null,
            long.Parse(item["items"].N, CultureInfo.InvariantCulture))
        {
            Claims = int.Parse(item["claims"].N, CultureInfo.InvariantCulture),
            UpdatedAt = item.TryGetValue("at", out var at) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(at.N, CultureInfo.InvariantCulture)) : null,
            History = item.TryGetValue("history", out var history) && history.L is { } entries ? [.. entries.Select(e => LeaseEvent.Decode(e.S))] : null,
            HistoryTruncated = item.TryGetValue("historyTruncated", out var truncated) && truncated.BOOL == true,
            Tally = item.TryGetValue("tally", out var tally) && tally.M is { } t ? TallyOf(t) : null,
        };

    private static VerifyTally TallyOf(Dictionary<string, AttributeValue> t)
    {
        static long N(AttributeValue v) => long.Parse(v.N, CultureInfo.InvariantCulture);
        static string[] L(AttributeValue v) => [.. (v.L ?? []).Select(e => e.S)];
        return new VerifyTally(N(t["source"]), N(t["target"]), N(t["missing"]), N(t["extra"]), N(t["different"]), L(t["missingKeys"]), L(t["extraKeys"]), L(t["differentKeys"]));
    }

    // An empty list is a valid attribute value (unlike an empty string set), so a tally without keys round-trips.
    private static AttributeValue Keys(IReadOnlyList<string> keys) => new() { L = [.. keys.Select(k => new AttributeValue { S = k })], IsLSet = true };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}

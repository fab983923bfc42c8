using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Makes sure a copy's target table can take the source's items: an existing target must have the same key schema;
/// a missing one is created (when asked) with the source's keys, indexes, billing and TTL, as DescribeTable and
/// DescribeTimeToLive of the source report them.
/// </summary>
internal static class TargetTable
{
    /// <summary>Checks or creates the target; returns whether it was created.</summary>
    public static async Task<bool> Ensure(DynamoTable table, AwsSession source, AwsSession target, bool create, CancellationToken ct)
    {
        var described = await SessionCall.Run(source, "DescribeTable", table, (db, token) => db.DescribeTableAsync(table.Name, token), ct).ConfigureAwait(false);
        var sourceTable = described.Table;
        var existing = await SessionCall.Run(target, "DescribeTable", table, async (db, token) =>
        {
            try
            {
                return (await db.DescribeTableAsync(table.Name, token).ConfigureAwait(false)).Table;
            }
            catch (ResourceNotFoundException)
            {
                return null;
            }
        }, ct).ConfigureAwait(false);

        if (existing is not null)
        {
            var (want, have) = (KeySchema(sourceTable), KeySchema(existing));
            return want == have ? false
                : throw new InvalidOperationException(
                    $"Copy of table {table.Name}: the target table in {target} has the key schema {have}, the source's is {want}. Nothing was copied; copy into a table with the same keys.");
        }

        if (!create)
        {
            throw new InvalidOperationException($"Copy of table {table.Name}: the target table does not exist in {target}. Create it, or let the copy create it (CreateTable / --create-table).");
        }

        await SessionCall.Run(target, "CreateTable", table, async (db, token) =>
        {
            await db.CreateTableAsync(CreateRequest(sourceTable), token).ConfigureAwait(false);
            await TableWait.Active(db, table.Name, TimeSpan.FromMinutes(5), token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);

        var ttl = await SessionCall.Run(source, "DescribeTimeToLive", table, (db, token) => db.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table.Name }, token), ct).ConfigureAwait(false);
        if (ttl.TimeToLiveDescription?.TimeToLiveStatus is { } status && (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING))
        {
            await SessionCall.Run(target, "UpdateTimeToLive", table, (db, token) => db.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = table.Name,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ttl.TimeToLiveDescription.AttributeName, Enabled = true },
            }, token), ct).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The CreateTable request that gives a table the same keys, indexes and billing as <paramref name="source"/>.</summary>
    public static CreateTableRequest CreateRequest(TableDescription source)
    {
        var provisioned = source.BillingModeSummary?.BillingMode is { } mode
            ? mode == BillingMode.PROVISIONED
            : source.ProvisionedThroughput?.ReadCapacityUnits > 0;
        ProvisionedThroughput? Capacity(ProvisionedThroughputDescription? d) =>
            provisioned ? new ProvisionedThroughput(Math.Max(1, d?.ReadCapacityUnits ?? 1), Math.Max(1, d?.WriteCapacityUnits ?? 1)) : null;

        return new CreateTableRequest
        {
            TableName = source.TableName,
            KeySchema = [.. source.KeySchema.Select(k => new KeySchemaElement(k.AttributeName, k.KeyType))],
            AttributeDefinitions = [.. source.AttributeDefinitions.Select(a => new AttributeDefinition(a.AttributeName, a.AttributeType))],
            BillingMode = provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
            ProvisionedThroughput = Capacity(source.ProvisionedThroughput),
            GlobalSecondaryIndexes = source.GlobalSecondaryIndexes is { Count: > 0 } gsis
                ? [.. gsis.Select(g => new GlobalSecondaryIndex { IndexName = g.IndexName, KeySchema = g.KeySchema, Projection = g.Projection, ProvisionedThroughput = Capacity(g.ProvisionedThroughput) })]
                : null,
            LocalSecondaryIndexes = source.LocalSecondaryIndexes is { Count: > 0 } lsis
                ? [.. lsis.Select(l => new LocalSecondaryIndex { IndexName = l.IndexName, KeySchema = l.KeySchema, Projection = l.Projection })]
                : null,
        };
    }

    private static string KeySchema(TableDescription d) =>
        string.Join(", ", d.KeySchema.OrderBy(k => k.KeyType == KeyType.HASH ? 0 : 1).Select(k =>
            $"{k.KeyType.Value.ToLowerInvariant()} {k.AttributeName}:{d.AttributeDefinitions.First(a => a.AttributeName == k.AttributeName).AttributeType.Value}"));
}

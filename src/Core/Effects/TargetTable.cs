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
    /// <remarks><paramref name="from"/> and <paramref name="into"/> are the table as each session names it.</remarks>
    public static async Task<bool> Ensure(PhysicalTable from, PhysicalTable into, AwsSession source, AwsSession target, bool create, CancellationToken ct)
    {
        var described = await SessionCall.Run(source, "DescribeTable", from, (db, token) => db.DescribeTableAsync(from.Name, token), ct).ConfigureAwait(false);
        var sourceTable = described.Table;
        var existing = await SessionCall.Run(target, "DescribeTable", into, async (db, token) =>
        {
            try
            {
                return (await db.DescribeTableAsync(into.Name, token).ConfigureAwait(false)).Table;
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
                    $"Copy of table {from.Name}: the target table {into.Name} in {target} has the key schema {have}, the source's is {want}. Nothing was copied; copy into a table with the same keys.");
        }

        if (!create)
        {
            throw new InvalidOperationException($"Copy of table {from.Name}: the target table {into.Name} does not exist in {target}. Create it, or let the copy create it (CreateTable / --create-table).");
        }

        await SessionCall.Run(target, "CreateTable", into, async (db, token) =>
        {
            var request = CreateRequest(sourceTable);
            request.TableName = into.Name;
            await db.CreateTableAsync(request, token).ConfigureAwait(false);
            await TableWait.Active(db, into.Name, TimeSpan.FromMinutes(5), token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);

        var ttl = await SessionCall.Run(source, "DescribeTimeToLive", from, (db, token) => db.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = from.Name }, token), ct).ConfigureAwait(false);
        if (ttl.TimeToLiveDescription?.TimeToLiveStatus is { } status && (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING))
        {
            await SessionCall.Run(target, "UpdateTimeToLive", into, (db, token) => db.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = into.Name,
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

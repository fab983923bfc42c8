using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects.CSharp;

/// <summary>Table administration, mirroring the core's <c>Dynamo.Tables.cs</c>.</summary>
public static partial class TableOperations
{
    /// <summary>Creates the table from its descriptor (on-demand billing unless capacities are given) and waits until it is ACTIVE.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="TimeoutException">The table did not become ACTIVE within the options' wait timeout.</exception>
    public static Task<TableDescription> CreateTableAsync(this DynamoTable table, CreateTableOptions? options = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.createTable(Check(table), options), cancellationToken);

    /// <summary>Whether the table exists for the session it resolves to.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task<bool> ExistsAsync(this DynamoTable table, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.tableExists(Check(table)), cancellationToken);

    /// <summary>The table's description.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static Task<TableDescription> DescribeAsync(this DynamoTable table, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.describeTable(Check(table)), cancellationToken);

    /// <summary>Deletes the table and waits until it is gone (at most <paramref name="waitTimeout"/>, 5 minutes by default).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="TimeoutException">The table was still there after the wait timeout.</exception>
    public static Task DeleteTableAsync(this DynamoTable table, TimeSpan? waitTimeout = null, CancellationToken cancellationToken = default) =>
        Sessions.RunAsync(Dynamo.deleteTable(Check(table), waitTimeout), cancellationToken);

    /// <summary>Turns TTL on (or off) for <paramref name="attribute"/>: DynamoDB deletes items whose value there (epoch seconds) has passed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="attribute"/> is null.</exception>
    public static Task UpdateTimeToLiveAsync(this DynamoTable table, string attribute, bool enabled = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return Sessions.RunAsync(Dynamo.updateTimeToLive(Check(table), attribute, enabled), cancellationToken);
    }
}

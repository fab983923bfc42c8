using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using Xunit;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// 1,000 tenant databases with the items table, made once for all pool load tests. The STS double derives a role
/// session's access key from the key prefix, the role and the session name, so every test's own STS double (fresh
/// request log) with this prefix hands each tenant the same key, hence the same database. Tests tell their items
/// apart by an id prefix of their own.
/// </summary>
public sealed class ThousandTenants : IAsyncLifetime
{
    public const int Count = 1_000;

    public string Prefix { get; } = LocalDynamo.NewAccessKey("T");

    public string[] Tenants { get; } = Enumerable.Range(0, Count).Select(i => $"t{i:D4}").ToArray();

    /// <summary>How long making the 1,000 tables took (DynamoDB Local makes a database per access key on first use).</summary>
    public TimeSpan CreationTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        await using var bed = await TenantBed.StartAsync(TimeSpan.FromHours(1), prefix: Prefix);
        await bed.CreateTablesAsync(Tenants);
        CreationTime = clock.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

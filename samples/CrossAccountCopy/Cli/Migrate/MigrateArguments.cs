using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;

/// <summary>
/// What every <c>migrate</c> subcommand is given: <c>--state FILE</c>, and (for those that talk to DynamoDB)
/// <c>--table</c> with both sides. Checked while the command line is parsed: the state file is read and its checksum
/// verified, it must be of this table, and it must be in a phase the subcommand can act on; only then is anything
/// printed or sent.
/// </summary>
internal sealed class MigrateArguments
{
    private MigrateArguments(Option<string> state, Option<string>? table, Sides? sides)
    {
        State = state;
        Table = table;
        Sides = sides;
    }

    public Option<string> State { get; }

    public Option<string>? Table { get; }

    public Sides? Sides { get; }

    /// <summary>
    /// Adds the options to <paramref name="command"/>. <paramref name="allowed"/> are the phases it acts on (none: the
    /// state file must not exist yet, as for <c>plan</c>); <paramref name="why"/> says what to run instead.
    /// </summary>
    public static MigrateArguments AddTo(Command command, Func<string, string?> environment, bool sides, MigrationPhase[] allowed, Func<MigrationState, string> why)
    {
        var state = new Option<string>("--state")
        {
            Description = allowed.Length == 0
                ? "The migration's state file, written by this command (it must not exist yet) and read by every later one"
                : "The migration's state file (written by 'migrate plan'): read, checked and updated as the migration goes",
            HelpName = "FILE",
            Required = true,
        };
        command.Options.Add(state);
        Option<string>? table = null;
        Sides? both = null;
        if (sides)
        {
            table = Checks.Table("The table to migrate");
            command.Options.Add(table);
            both = new Sides(environment);
            both.AddTo(command);
        }

        command.Validators.Add(result =>
        {
            if (!Checks.TryGet(result, state, out var path) || path is null || Problem(result, path, table, allowed, why) is not { } problem)
            {
                return;
            }

            result.AddError(problem);
        });
        return new MigrateArguments(state, table, both);
    }

    /// <summary>The state file given.</summary>
    public MigrationStateFile File(ParseResult parse) => new(parse.GetValue(State)!);

    /// <summary>The state, read again when the action runs (the parse read it and found it usable).</summary>
    public MigrationState Read(ParseResult parse) => File(parse).Read() ?? throw new UsageException($"--state: {File(parse).Path} does not exist.");

    /// <summary>The two sessions; refused when they are not the ones the state was planned with.</summary>
    /// <exception cref="UsageException">A side describes no session, or other sessions than the state's.</exception>
    public (AwsSession Source, AwsSession Target) Build(ParseResult parse, MigrationState? state)
    {
        var (source, target) = Sides!.Build(parse);
        if (state is not null && (state.Source != source.ToString() || state.Target != target.ToString()))
        {
            var (s, t) = (source.ToString(), target.ToString());
            source.Dispose();
            target.Dispose();
            throw new UsageException(
                $"--state: {File(parse).Path} is the migration of table {state.Table} from {state.Source} to {state.Target}; these options name {s} and {t}. Give the sides it was planned with, or another state file.");
        }

        return (source, target);
    }

    private static string? Problem(CommandResult result, string path, Option<string>? table, MigrationPhase[] allowed, Func<MigrationState, string> why)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            return $"--state: the folder {folder} does not exist.";
        }

        if (Directory.Exists(full))
        {
            return $"--state: {full} is a folder; give a file.";
        }

        MigrationState? state;
        try
        {
            state = new MigrationStateFile(full).Read();
        }
        catch (MigrationStateException ex)
        {
            // Edited, corrupted or not a state file: refused whole, never acted on.
            return $"--state: {full}: {ex.Message}";
        }
        catch (IOException ex)
        {
            return $"--state: {full} cannot be read ({ex.Message}).";
        }

        if (allowed.Length == 0)
        {
            return state is null ? null : $"--state: {full} exists already (the migration of table {state.Table}, phase {state.Phase}); see 'migrate status', or give a new file.";
        }

        if (state is null)
        {
            return $"--state: {full} does not exist; a migration begins with 'migrate plan --state {path}'.";
        }

        if (table is not null && Checks.TryGet(result, table, out var name) && name is not null && name != state.Table)
        {
            return $"--state: {full} is the migration of table {state.Table}, not {name}.";
        }

        return allowed.Contains(state.Phase) ? null : $"--state: the migration of table {state.Table} is in phase {state.Phase}: {why(state)}";
    }
}

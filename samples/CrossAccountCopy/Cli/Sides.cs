using System;
using System.CommandLine;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// Both sides of a copy or a verify, and <c>--local URL</c>: both sides on one DynamoDB Local, told apart by their
/// access keys (it keeps one database per access key), so trying the tool locally is one line and needs no
/// credentials file.
/// </summary>
internal sealed class Sides
{
    private readonly Func<string, string?> environment;

    public Sides(Func<string, string?> environment)
    {
        this.environment = environment;
        Local = Checks.Url("--local", "Both sides on the DynamoDB Local at this URL: --from-key and --to-key name its accounts (no secret, profile or credentials file needed)");
    }

    public SideOptions From { get; } = new("from", "source");

    public SideOptions To { get; } = new("to", "target");

    public Option<Uri?> Local { get; }

    public void AddTo(Command command)
    {
        From.AddTo(command);
        To.AddTo(command);
        command.Options.Add(Local);
        command.Validators.Add(result =>
        {
            // Each option's own check first: System.CommandLine reports an option's error only when it has parsed the
            // value, which it skips once a command-wide check has failed. Parsed here, every error is reported.
            foreach (var option in command.Options)
            {
                try
                {
                    _ = result.GetResult(option)?.GetValueOrDefault<object?>();
                }
                catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException)
                {
                    // Recorded by the option's parser; reported with the rest.
                }
            }

            var local = result.GetResult(Local) is { Implicit: false };
            From.Validate(result, local, environment);
            To.Validate(result, local, environment);
        });
    }

    /// <summary>The source and target sessions (the caller disposes both).</summary>
    /// <exception cref="UsageException">A side's options describe no session (unknown profile, malformed role ARN).</exception>
    public (AwsSession Source, AwsSession Target) Build(ParseResult parse)
    {
        var local = parse.GetValue(Local);
        var source = From.Build(parse, local, environment);
        try
        {
            return (source, To.Build(parse, local, environment));
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }
}

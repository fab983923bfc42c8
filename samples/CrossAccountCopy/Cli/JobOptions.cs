using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using System.Text.RegularExpressions;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// Which copy job and where its lease table lives: <c>--job NAME</c>, <c>--lease-table T</c>, and
/// <c>--lease-account source|target|third</c> (the target's by default); a third account is described by
/// <c>--lease-profile</c>, <c>--lease-key</c>, <c>--lease-role</c>, <c>--lease-region</c> and <c>--lease-endpoint</c>,
/// like the two sides (with <c>--local</c>, <c>--lease-key</c> names a third account on that DynamoDB Local).
/// </summary>
internal sealed partial class JobOptions
{
    private readonly Sides sides;
    private readonly Func<string, string?> environment;

    public JobOptions(Sides sides, Func<string, string?> environment, bool jobRequired, string jobDescription)
    {
        this.sides = sides;
        this.environment = environment;
        Job = new Option<string?>("--job") { Description = jobDescription, HelpName = "NAME", Required = jobRequired };
        Job.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string?>() ?? string.Empty;
            if (!JobName().IsMatch(name))
            {
                result.AddError($"--job must be a job name: 1 to 255 letters, digits, '_', '-' or '.'; '{name}' is not.");
            }
        });
        LeaseTable = Checks.Table("--lease-table", "The lease table of the job (created on demand)", required: false);
        LeaseTable.DefaultValueFactory = _ => CopyJobOptions.DefaultLeaseTableName;
        Account = new Option<string>("--lease-account")
        {
            Description = "Which account keeps the lease table: source, target or third (described by the --lease-* options)",
            HelpName = "source|target|third",
            DefaultValueFactory = _ => "target",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (text.ToLowerInvariant() is "source" or "target" or "third")
                {
                    return text.ToLowerInvariant();
                }

                result.AddError($"--lease-account must be source, target or third; '{text}' is not.");
                return "target";
            },
        };
    }

    public Option<string?> Job { get; }

    public Option<string> LeaseTable { get; }

    public Option<string> Account { get; }

    /// <summary>The third account's options.</summary>
    public SideOptions Third { get; } = new("lease", "lease table");

    /// <summary>The lease-location options, for the check that they come with <c>--job</c>.</summary>
    public Option[] LocationOptions => [LeaseTable, Account, Third.Profile, Third.Key, Third.Role, Third.Region, Third.Endpoint];

    public void AddTo(Command command)
    {
        command.Options.Add(Job);
        command.Options.Add(LeaseTable);
        command.Options.Add(Account);
        Third.AddTo(command);
        command.Validators.Add(result =>
        {
            var local = Checks.Given(result, sides.Local);
            var third = Checks.TryGet(result, Account, out var account) && account == "third";
            if (third)
            {
                Third.Validate(result, local, environment);
                return;
            }

            foreach (var option in new Option[] { Third.Profile, Third.Key, Third.Role, Third.Region, Third.Endpoint }.Where(o => Checks.Given(result, o)))
            {
                result.AddError($"{option.Name} goes with --lease-account third: without it the lease table is in the {(account == "source" ? "source" : "target")} account.");
            }
        });
    }

    /// <summary>The session of the lease table's account; <c>Owned</c> when it is a third one the caller must dispose.</summary>
    /// <exception cref="UsageException">The third account's options describe no session.</exception>
    public (AwsSession Session, bool Owned) Leases(ParseResult parse, AwsSession source, AwsSession target) => parse.GetValue(Account) switch
    {
        "source" => (source, false),
        "third" => (Third.Build(parse, parse.GetValue(sides.Local), environment), true),
        _ => (target, false),
    };

    /// <summary>Where the lease table is, in messages.</summary>
    public string Where(ParseResult parse) =>
        $"lease table {parse.GetValue(LeaseTable)} in the {parse.GetValue(Account)} account";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();
}

using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// Options that check their own values while the command line is parsed, so every mistake is reported — in the tool's
/// own words, naming the option — before anything is printed or any AWS call is made.
/// </summary>
internal static partial class Checks
{
    /// <summary>DynamoDB's largest number of parallel scan segments.</summary>
    public const int MaxSegments = 1_000_000;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> (a missing option takes <paramref name="fallback"/>).</summary>
    public static Option<int> WholeNumber(string name, string description, int fallback, int min, int max, string what)
    {
        var range = max == int.MaxValue
            ? min == 0 ? $"{name} must be zero or a positive whole number of {what}" : $"{name} must be a positive whole number of {what}"
            : string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number of {what} from {min:N0} to {max:N0}");
        return new Option<int>(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => fallback,
            CustomParser = result =>
            {
                var text = Single(result);
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                {
                    return value;
                }

                result.AddError($"{range}; '{text}' is not.");
                return fallback;
            },
        };
    }

    /// <summary>
    /// <c>--rate</c>: a positive, finite number of items per second, or <c>none</c> for no limit (the default).
    /// </summary>
    public static Option<RateLimit> Rate()
    {
        const string Rule = "--rate must be a positive number of items per second, or 'none' for no limit";
        return new Option<RateLimit>("--rate")
        {
            Description = "Write at most this many items per second, all segments together; 'none' for no limit (default: none)",
            HelpName = "ITEMS_PER_SECOND|none",
            DefaultValueFactory = _ => RateLimit.None,
            CustomParser = result =>
            {
                var text = Single(result);
                if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
                {
                    return RateLimit.None;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && double.IsFinite(rate) && rate > 0)
                {
                    return new RateLimit(rate);
                }

                result.AddError($"{Rule}; '{text}' is not.");
                return RateLimit.None;
            },
        };
    }

    /// <summary>An absolute http or https URL (a DynamoDB endpoint).</summary>
    public static Option<Uri?> Url(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "URL",
            CustomParser = result =>
            {
                var text = Single(result);
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                {
                    return url;
                }

                result.AddError($"{name} must be an absolute http:// or https:// URL; '{text}' is not.");
                return null;
            },
        };

    /// <summary><c>--table</c>: a DynamoDB table name (3 to 255 letters, digits, '_', '-' or '.').</summary>
    public static Option<string> Table(string description, bool required = true) => Table("--table", description, required);

    /// <summary>An option <paramref name="name"/> that takes a DynamoDB table name.</summary>
    public static Option<string> Table(string name, string description, bool required)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "NAME", Required = required };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>() ?? string.Empty;
            if (!TableName().IsMatch(value))
            {
                result.AddError($"{name} must be a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'; '{value}' is not.");
            }
        });
        return option;
    }

    /// <summary>Whether <paramref name="option"/> was given on the command line (not just defaulted).</summary>
    public static bool Given(CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>A value that names something (a profile, a role, a region, an access key id): not empty, no spaces.</summary>
    public static Option<string?> Name(string name, string description, string helpName)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>() ?? string.Empty;
            if (value.Length == 0 || value.Any(char.IsWhiteSpace))
            {
                result.AddError($"{name} needs a value without spaces; '{value}' is not one.");
            }
        });
        return option;
    }

    /// <summary>The option's value, or false when its own check failed (that error is reported already).</summary>
    public static bool TryGet<T>(CommandResult result, Option<T> option, out T? value)
    {
        try
        {
            value = result.GetValue(option);
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableName();
}

/// <summary>A copy's rate limit: items per second, or none (null).</summary>
internal sealed record RateLimit(double? ItemsPerSecond)
{
    /// <summary>No limit.</summary>
    public static readonly RateLimit None = new((double?)null);

    /// <inheritdoc/>
    public override string ToString() =>
        ItemsPerSecond is { } rate ? string.Create(CultureInfo.InvariantCulture, $"at most {rate} items/s") : "no rate limit";
}

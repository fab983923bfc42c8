using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace SessionEffects;

/// <summary>
/// How a session names its tables: an optional prefix, an optional suffix and explicit aliases (logical name →
/// physical name). The logical name is the one a table class declares (<c>[DynamoDBTable("orders")]</c>); the physical
/// name is the table DynamoDB is asked about: <c>prefix + logical + suffix</c>, or the alias of the logical name.
/// </summary>
/// <remarks>
/// <para>An immutable value, checked when made: a prefix or suffix holds only <c>[a-zA-Z0-9_.-]</c>, an alias maps a
/// legal table name to a legal table name (3 to 255 of those characters). A name that would come out illegal
/// (a prefix that makes it longer than 255) is refused before any request is sent.</para>
/// <para><b>Aliases are final</b>: an alias target is used exactly as written, with neither prefix nor suffix, and is
/// never looked up again (aliases do not chain, so there are no cycles: with <c>a → b</c> and <c>b → c</c>,
/// <c>a</c> is <c>b</c>). Equality is by value; <see cref="ToString"/> shows the naming (table names are not secrets).</para>
/// </remarks>
public sealed class TableNames : IEquatable<TableNames>
{
    private const int MinLength = 3;
    private const int MaxLength = 255;

    private readonly ConcurrentDictionary<string, ResolvedTableName> resolved = new(StringComparer.Ordinal);

    private TableNames(string prefix, string suffix, ImmutableSortedDictionary<string, string> aliases)
    {
        TableNamePrefix = prefix;
        TableNameSuffix = suffix;
        TableAliases = aliases;
        IsNone = prefix.Length == 0 && suffix.Length == 0 && aliases.IsEmpty;
    }

    /// <summary>No naming: every physical name is the logical one.</summary>
    public static TableNames None { get; } = new(string.Empty, string.Empty, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>What goes before every logical name without an alias (empty for none).</summary>
    public string TableNamePrefix { get; }

    /// <summary>What goes after every logical name without an alias (empty for none).</summary>
    public string TableNameSuffix { get; }

    /// <summary>Explicit physical names by logical name; used as they are (no prefix, no suffix, no chaining).</summary>
    public ImmutableSortedDictionary<string, string> TableAliases { get; }

    /// <summary>Whether this naming changes no name at all.</summary>
    public bool IsNone { get; }

    /// <summary>A naming that puts <paramref name="prefix"/> before every table name (<c>dev-</c> makes <c>orders</c> <c>dev-orders</c>).</summary>
    /// <exception cref="SessionConfigurationException">The prefix is empty, too long or has a character DynamoDB does not allow.</exception>
    public static TableNames Prefix(string prefix) => None.WithPrefix(prefix);

    /// <summary>A naming that puts <paramref name="suffix"/> after every table name (<c>-v2</c> makes <c>orders</c> <c>orders-v2</c>).</summary>
    /// <exception cref="SessionConfigurationException">The suffix is empty, too long or has a character DynamoDB does not allow.</exception>
    public static TableNames Suffix(string suffix) => None.WithSuffix(suffix);

    /// <summary>A naming with one alias: <paramref name="logicalName"/> is stored as <paramref name="physicalName"/>.</summary>
    /// <exception cref="SessionConfigurationException">A name is not a legal DynamoDB table name.</exception>
    public static TableNames Alias(string logicalName, string physicalName) => None.WithAlias(logicalName, physicalName);

    /// <summary>A naming with these aliases only (logical name → physical name).</summary>
    /// <exception cref="SessionConfigurationException">A name is not a legal DynamoDB table name.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="aliases"/> is null.</exception>
    public static TableNames Aliases(IEnumerable<KeyValuePair<string, string>> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        return aliases.Aggregate(None, (names, alias) => names.WithAlias(alias.Key, alias.Value));
    }

    /// <summary>This naming with <paramref name="prefix"/> (replacing any prefix it had).</summary>
    /// <exception cref="SessionConfigurationException">The prefix is empty, too long or has a character DynamoDB does not allow.</exception>
    public TableNames WithPrefix(string prefix) => new(CheckAffix(prefix, "prefix", TableNameSuffix), TableNameSuffix, TableAliases);

    /// <summary>This naming with <paramref name="suffix"/> (replacing any suffix it had).</summary>
    /// <exception cref="SessionConfigurationException">The suffix is empty, too long or has a character DynamoDB does not allow.</exception>
    public TableNames WithSuffix(string suffix) => new(TableNamePrefix, CheckAffix(suffix, "suffix", TableNamePrefix), TableAliases);

    /// <summary>This naming with <paramref name="logicalName"/> stored as <paramref name="physicalName"/> (replacing an alias of the same logical name).</summary>
    /// <exception cref="SessionConfigurationException">A name is not a legal DynamoDB table name.</exception>
    public TableNames WithAlias(string logicalName, string physicalName)
    {
        CheckName(logicalName, "alias: the logical name");
        CheckName(physicalName, $"alias of '{logicalName}': the physical name");
        return new(TableNamePrefix, TableNameSuffix, TableAliases.SetItem(logicalName, physicalName));
    }

    /// <summary>
    /// The physical name of <paramref name="logicalName"/>: its alias if it has one, else prefix + name + suffix.
    /// </summary>
    /// <exception cref="SessionConfigurationException">The result is not a legal DynamoDB table name (too long, say).</exception>
    public string Resolve(string logicalName)
    {
        ArgumentNullException.ThrowIfNull(logicalName);
        return Resolved(logicalName).Physical;
    }

    /// <inheritdoc/>
    public bool Equals(TableNames? other) =>
        other is not null && TableNamePrefix == other.TableNamePrefix && TableNameSuffix == other.TableNameSuffix && TableAliases.Count == other.TableAliases.Count
        && TableAliases.All(a => other.TableAliases.TryGetValue(a.Key, out var v) && v == a.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TableNames);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TableNamePrefix, TableNameSuffix, TableAliases.Count);

    /// <summary>The naming: <c>prefix 'dev-', suffix '-v2', aliases {orders → orders-2026}</c>, or <c>none</c>.</summary>
    public override string ToString()
    {
        if (IsNone)
        {
            return "none";
        }

        var parts = new List<string>(3);
        if (TableNamePrefix.Length > 0)
        {
            parts.Add($"prefix '{TableNamePrefix}'");
        }

        if (TableNameSuffix.Length > 0)
        {
            parts.Add($"suffix '{TableNameSuffix}'");
        }

        if (!TableAliases.IsEmpty)
        {
            parts.Add("aliases {" + string.Join(", ", TableAliases.Select(a => $"{a.Key} → {a.Value}")) + "}");
        }

        return string.Join(", ", parts);
    }

    /// <summary>The resolution of <paramref name="logicalName"/>, computed once per name and naming.</summary>
    internal ResolvedTableName Resolved(string logicalName) =>
        resolved.TryGetValue(logicalName, out var known) ? known : resolved.GetOrAdd(logicalName, Compute(logicalName));

    private ResolvedTableName Compute(string logicalName)
    {
        if (TableAliases.TryGetValue(logicalName, out var alias))
        {
            return new ResolvedTableName(logicalName, alias);
        }

        var physical = TableNamePrefix.Length == 0 && TableNameSuffix.Length == 0 ? logicalName : TableNamePrefix + logicalName + TableNameSuffix;
        if (Illegal(physical) is { } why)
        {
            throw new SessionConfigurationException(
                $"Table '{logicalName}' under the table naming {this} would be named '{physical}', which is not a legal DynamoDB table name ({why}). Shorten the prefix or suffix, or give the table an alias.");
        }

        return new ResolvedTableName(logicalName, physical);
    }

    private static string CheckAffix(string affix, string what, string other)
    {
        if (string.IsNullOrEmpty(affix))
        {
            throw new SessionConfigurationException($"A table name {what} cannot be empty; use TableNames.None for no naming.");
        }

        var bad = affix.FirstOrDefault(c => !Legal(c));
        if (bad != default)
        {
            throw new SessionConfigurationException(
                $"The table name {what} '{Printable(affix)}' has the character '{Printable(bad.ToString())}', which DynamoDB does not allow in table names (only a-z, A-Z, 0-9, '_', '-' and '.').");
        }

        return affix.Length + other.Length + MinLength > MaxLength
            ? throw new SessionConfigurationException($"The table name {what} '{affix}' is too long: with the other affix and a 3-character name it exceeds DynamoDB's {MaxLength} characters.")
            : affix;
    }

    private static void CheckName(string name, string what)
    {
        if (name is null || Illegal(name) is { } why)
        {
            throw new SessionConfigurationException($"Table naming {what} '{Printable(name ?? "<null>")}' is not a legal DynamoDB table name ({(name is null ? "it is missing" : Illegal(name))}).");
        }
    }

    private static string? Illegal(string name) =>
        name.Length < MinLength ? $"{name.Length} characters, at least {MinLength} needed"
        : name.Length > MaxLength ? $"{name.Length} characters, at most {MaxLength} allowed"
        : name.FirstOrDefault(c => !Legal(c)) is var c && c != default ? $"the character '{Printable(c.ToString())}' is not allowed; only a-z, A-Z, 0-9, '_', '-' and '.'"
        : null;

    private static bool Legal(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    /// <summary>A name as it can be shown in a message (control characters escaped, cut at 300 characters).</summary>
    private static string Printable(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Length > 300 ? text[..300] : text)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return shown.ToString();
    }
}

using System;
using System.Buffers;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SessionEffects;

/// <summary>
/// STS's limits on session policies and session tags, checked before any request so that bad input fails locally with
/// a message naming the problem (never the policy text itself, which can be long).
/// </summary>
/// <remarks>
/// Enforced here: the inline policy is a JSON object of at most <see cref="MaxPolicyCharacters"/> characters (STS's
/// plain-text limit) drawn from the characters STS accepts (tab, line feed, carriage return, U+0020–U+00FF); at most
/// <see cref="MaxPolicyArns"/> managed policy ARNs, each shaped <c>arn:PARTITION:iam::ACCOUNT|aws:policy/NAME</c>; at
/// most 50 session tags with keys of 1–128 and values of 0–256 characters. Not enforceable here: STS also packs the
/// policies and tags into a binary form with its own size limit, which only STS can compute; a request over it fails
/// with STS's <c>PackedPolicyTooLarge</c> error, surfaced unchanged.
/// </remarks>
internal static class SessionPolicyRules
{
    /// <summary>STS's limit on the plain text of an inline session policy.</summary>
    public const int MaxPolicyCharacters = 2048;

    /// <summary>STS's limit on the number of managed session policy ARNs.</summary>
    public const int MaxPolicyArns = 10;

    private const int MaxTags = 50;

    private static readonly Regex PolicyArnPattern = new(
        @"^arn:aws[a-z-]*:iam::(\d{12}|aws):policy/[\w+=,.@/-]+$", RegexOptions.CultureInvariant);

    private static readonly SearchValues<char> PolicyCharacters = SearchValues.Create(
        "\t\n\r" + string.Concat(Enumerable.Range(0x20, 0xE0).Select(c => (char)c)));

    private static readonly Regex TagKeyPattern = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$", RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="key"/> is a session tag key STS accepts.</summary>
    public static bool IsTagKey(string key) => TagKeyPattern.IsMatch(key);

    public static void Check(AssumeRoleOptions options)
    {
        if (options.Policy is { } policy)
        {
            CheckPolicy(options.RoleArn, policy);
        }

        if (options.PolicyArns is { } arns)
        {
            if (arns.Count > MaxPolicyArns)
            {
                throw new SessionConfigurationException(
                    $"AssumeRole {options.RoleArn}: {arns.Count} managed policy ARNs; STS allows at most {MaxPolicyArns}.");
            }

            foreach (var arn in arns)
            {
                if (arn is null || arn.Length is < 20 or > 2048 || !PolicyArnPattern.IsMatch(arn))
                {
                    throw new SessionConfigurationException(
                        $"AssumeRole {options.RoleArn}: '{arn ?? "<null>"}' is not a managed policy ARN (arn:aws:iam::123456789012:policy/Name or arn:aws:iam::aws:policy/Name).");
                }
            }
        }

        if (options.Tags is { } tags)
        {
            if (tags.Count > MaxTags)
            {
                throw new SessionConfigurationException($"AssumeRole {options.RoleArn}: {tags.Count} session tags; STS allows at most {MaxTags}.");
            }

            foreach (var (key, value) in tags)
            {
                if (!IsTagKey(key))
                {
                    throw new SessionConfigurationException(
                        $"AssumeRole {options.RoleArn}: session tag key '{key}' must be 1 to 128 letters, digits, spaces or _.:/=+-@.");
                }

                if (value is null || value.Length > 256)
                {
                    throw new SessionConfigurationException(
                        $"AssumeRole {options.RoleArn}: the value of session tag '{key}' must be 0 to 256 characters (and not null).");
                }
            }
        }
    }

    private static void CheckPolicy(string roleArn, string policy)
    {
        if (policy.Length is 0 or > MaxPolicyCharacters)
        {
            throw new SessionConfigurationException(
                $"AssumeRole {roleArn}: the inline session policy has {policy.Length} characters; STS allows 1 to {MaxPolicyCharacters} " +
                "(use PolicyArns for larger policies, or TenantPolicy, which writes compact JSON).");
        }

        var badChar = policy.IndexOfAnyExcept(PolicyCharacters);
        if (badChar >= 0)
        {
            throw new SessionConfigurationException(
                $"AssumeRole {roleArn}: the inline session policy has the character U+{(int)policy[badChar]:X4} at {badChar}; STS accepts only tab, " +
                "line feed, carriage return and U+0020 to U+00FF (escape others as \\uXXXX).");
        }

        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SessionConfigurationException(
                    $"AssumeRole {roleArn}: the inline session policy is a JSON {document.RootElement.ValueKind}, not a policy document (a JSON object).");
            }
        }
        catch (JsonException ex)
        {
            throw new SessionConfigurationException(
                $"AssumeRole {roleArn}: the inline session policy is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", ex);
        }
    }
}

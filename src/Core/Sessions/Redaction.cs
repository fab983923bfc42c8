using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SessionEffects;

/// <summary>
/// The one place that decides how identifying values are shown. Secrets and session tokens are never shown at all;
/// access key ids are masked to their first and last four characters, as the AWS console does.
/// </summary>
internal static class Redaction
{
    private const int MaxKeyLength = 64;

    // AWS's unique-id prefixes (access keys, users, roles, groups, ...) followed by the id's upper-case letters and digits.
    private static readonly Regex AwsIdPattern = new("^(AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{12,}$", RegexOptions.CultureInvariant);

    // Short ids are told apart by a keyed hash whose key lives only in this process: a plain hash of a short id could be
    // reversed by trying every short string, this one cannot (and the same id masks the same way within a process).
    private static readonly byte[] ShortIdKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// Masks an access key id: <c>AKIAIOSFODNN7EXAMPLE</c> becomes <c>AKIA****MPLE</c>. An id shorter than 12 characters
    /// (DynamoDB Local accepts any) shows none of its characters: <c>****#</c> and 6 hex digits of a keyed hash, so two
    /// short ids look different in one message without either being revealed.
    /// </summary>
    public static string MaskAccessKeyId(string? accessKeyId) =>
        accessKeyId is null ? "<none>"
        : accessKeyId.Length < 12 ? "****#" + Convert.ToHexString(HMACSHA256.HashData(ShortIdKey, Encoding.UTF8.GetBytes(accessKeyId)), 0, 3).ToLowerInvariant()
        : string.Concat(accessKeyId.AsSpan(0, 4), "****", accessKeyId.AsSpan(accessKeyId.Length - 4));

    /// <summary>
    /// A key (a tenant id, say) as error messages show it: as is, unless it looks like a secret — an AWS access key id,
    /// or a long run of mixed-case letters and digits like a secret key or token — which is masked like an access key
    /// id. Long keys are cut at 64 characters.
    /// </summary>
    public static string DescribeKey(object? key)
    {
        var text = key switch
        {
            null => "<null>",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => key.ToString() ?? "<null>",
        };

        if (LooksLikeSecret(text))
        {
            return MaskAccessKeyId(text);
        }

        return text.Length > MaxKeyLength ? string.Concat(text.AsSpan(0, MaxKeyLength - 3), "...") : text;
    }

    private static bool LooksLikeSecret(string text) =>
        AwsIdPattern.IsMatch(text)
        || (text.Length >= 20
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
            && text.Any(char.IsAsciiDigit) && text.Any(char.IsAsciiLetterUpper) && text.Any(char.IsAsciiLetterLower));
}

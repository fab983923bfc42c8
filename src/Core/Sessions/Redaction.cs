using System;
namespace SessionEffects;

/// <summary>
/// The one place that decides how identifying values are shown. Secrets and session tokens are never shown at all;
/// access key ids are masked to their first and last four characters, as the AWS console does.
/// </summary>
internal static class Redaction
{
    /// <summary>Masks an access key id: <c>AKIAIOSFODNN7EXAMPLE</c> becomes <c>AKIA****MPLE</c>.</summary>
    public static string MaskAccessKeyId(string? accessKeyId) =>
        accessKeyId is null ? "<none>"
        : accessKeyId.Length < 12 ? "****"
        : string.Concat(accessKeyId.AsSpan(0, 4), "****", accessKeyId.AsSpan(accessKeyId.Length - 4));
}

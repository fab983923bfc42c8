using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace SessionEffects.Properties.Fixtures;

/// <summary>A shared credentials file with named profiles, as a user keeps in ~/.aws/credentials (for programs run as processes).</summary>
internal static class CredentialsFile
{
    /// <summary>Writes the profiles (all in us-east-1) to <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, params (string Profile, string AccessKeyId, string Secret)[] profiles) =>
        File.WriteAllTextAsync(path, string.Join("\n", profiles.Select(p =>
            $"[{p.Profile}]\naws_access_key_id = {p.AccessKeyId}\naws_secret_access_key = {p.Secret}\nregion = us-east-1\n")));
}

using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace SessionEffects.Properties.AwsSessions;

/// <summary>Bad input fails with a clear message before any request.</summary>
public sealed class SessionValidationTests
{
    [Fact]
    public void An_unknown_profile_is_named_in_the_error()
    {
        var file = WriteCredentials("[someone-else]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = x\n");
        var ex = Assert.Throws<SessionConfigurationException>(() => AwsSession.FromProfile("no-such-profile", "us-east-1", file));
        Assert.Contains("Unknown AWS profile 'no-such-profile'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_credentials_is_refused()
    {
        var file = WriteCredentials("[empty]\nregion = us-east-1\n");
        var ex = Assert.Throws<SessionConfigurationException>(() => AwsSession.FromProfile("empty", credentialsFile: file));
        Assert.Contains("'empty' has no usable credentials", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:iam")]
    public void AssumeRole_without_a_proper_role_arn_is_refused(string arn)
    {
        using var source = AwsSession.FromKeys("AKIDSOURCE0000000000", "secret", "us-east-1");
        var ex = Assert.Throws<SessionConfigurationException>(() => source.AssumeRole(new AssumeRoleOptions(arn)));
        Assert.Contains("AssumeRole", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssumeRole_checks_duration_mfa_and_transitive_tags_before_any_request()
    {
        using var source = AwsSession.FromKeys("AKIDSOURCE0000000000", "secret", "us-east-1");
        const string arn = "arn:aws:iam::123456789012:role/Reader";
        Assert.Contains("duration", Assert.Throws<SessionConfigurationException>(() => source.AssumeRole(new AssumeRoleOptions(arn) { Duration = TimeSpan.FromMinutes(1) })).Message, StringComparison.Ordinal);
        Assert.Contains("MFA", Assert.Throws<SessionConfigurationException>(() => source.AssumeRole(new AssumeRoleOptions(arn) { MfaSerial = "arn:aws:iam::123456789012:mfa/me" })).Message, StringComparison.Ordinal);
        Assert.Contains("'team'", Assert.Throws<SessionConfigurationException>(() => source.AssumeRole(new AssumeRoleOptions(arn) { TransitiveTagKeys = ["team"] })).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:8000")]
    [InlineData("not a uri")]
    [InlineData("ftp://127.0.0.1:8000")]
    public void A_malformed_endpoint_is_refused(string endpoint)
    {
        using var session = AwsSession.FromKeys("AKIDSOURCE0000000000", "secret", "us-east-1");
        var ex = Assert.Throws<SessionConfigurationException>(() => session.WithEndpoint(endpoint));
        Assert.Contains(nameof(AwsSession.WithEndpoint), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_keys_need_a_key_a_secret_and_a_region()
    {
        Assert.Throws<SessionConfigurationException>(() => AwsSession.FromKeys("", "secret", "us-east-1"));
        Assert.Throws<SessionConfigurationException>(() => AwsSession.FromKeys("AKIDSOURCE0000000000", "", "us-east-1"));
        var noRegion = Assert.Throws<SessionConfigurationException>(() => AwsSession.FromKeys("AKIDSOURCE0000000000", "secret", " "));
        Assert.Contains("needs a region", noRegion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_without_any_region_fails_when_a_client_is_needed_and_says_how_to_fix_it()
    {
        // A profile with keys but no region, read from its own file, and no region in the environment.
        var file = WriteCredentials("[noregion]\naws_access_key_id = AKIDNOREGION00000000\naws_secret_access_key = x\n");
        using var session = AwsSession.FromProfile("noregion", credentialsFile: file);
        Assert.Null(session.Region);
        if (Environment.GetEnvironmentVariable("AWS_REGION") is null && Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is null)
        {
            var ex = Assert.Throws<SessionConfigurationException>(() => session.DynamoDB);
            Assert.Contains("has no region", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotNull(session.DynamoDB.Config.RegionEndpoint);
        }
    }

    private static string WriteCredentials(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"se-credentials-{Guid.NewGuid():N}");
        File.WriteAllText(file, text);
        return file;
    }
}

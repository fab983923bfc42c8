using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace SessionEffects.Properties.Hosting;

/// <summary>
/// A bad <c>SessionEffects</c> section stops the host at start-up (<c>ValidateOnStart</c>) with an error that names the
/// configuration key, before anything is built for real; a secret in it is refused without being repeated.
/// </summary>
public sealed class StartupValidationTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    [Theory]
    [InlineData("Sessions:project:SecretAccessKey", Secret, "SessionEffects:Sessions:project:SecretAccessKey", "profile")]
    [InlineData("Sessions:project:aws_session_token", Secret, "SessionEffects:Sessions:project:aws_session_token", "secrets do not belong in configuration")]
    [InlineData("Default:AccessKeyId", "AKIAIOSFODNN7EXAMPLE", "SessionEffects:Default:AccessKeyId", "default chain")]
    [InlineData("Sessions:project:RoleArm", "arn:aws:iam::123456789012:role/X", "SessionEffects:Sessions:project:RoleArm", "not a SessionEffects setting")]
    [InlineData("Sessions:project:RoleArn", "not-an-arn", "SessionEffects:Sessions:project:RoleArn", "is not a role ARN")]
    [InlineData("Sessions:project:SourceSession", "nobody", "SessionEffects:Sessions:project:SourceSession", "there is no session named 'nobody'")]
    [InlineData("Sessions:project:Endpoint", "localhost:8000", "SessionEffects:Sessions:project:Endpoint", "absolute http or https URI")]
    [InlineData("Sessions:project:Duration", "00:05:00", "SessionEffects:Sessions:project:Duration", "15 minutes to 12 hours")]
    [InlineData("Pools:tenants:RoleArn", "", "SessionEffects:Pools:tenants:RoleArn", "needs the tenant role's ARN")]
    [InlineData("Default:RefreshBeforeExpiry", "00:01:00", "SessionEffects:Default:RefreshBeforeExpiry", "only used to assume a role")]
    [InlineData("Sessions:project:RefreshBeforeExpiry", "-00:01:00", "SessionEffects:Sessions:project:RefreshBeforeExpiry", "is negative")]
    [InlineData("Pools:tenants:AssumeRoleAttempts", "0", "SessionEffects:Pools:tenants:AssumeRoleAttempts", "is below 1")]
    [InlineData("Pools:tenants:RetryBaseDelay", "-00:00:01", "SessionEffects:Pools:tenants:RetryBaseDelay", "is negative")]
    [InlineData("Pools:tenants:RetryMaxDelay", "00:00:00.010", "SessionEffects:Pools:tenants:RetryMaxDelay", "is below RetryBaseDelay")]
    [InlineData("Pools:tenants:HandOutGrace", "-00:00:01", "SessionEffects:Pools:tenants:HandOutGrace", "is negative")]
    [InlineData("Pools:tenants:RefreshBeforeExpiry", "-00:00:01", "SessionEffects:Pools:tenants:RefreshBeforeExpiry", "is negative")]
    [InlineData("Sessions:project:TableNamePrefix", "dev/", "SessionEffects:Sessions:project:TableNamePrefix", "does not allow in table names")]
    [InlineData("Default:TableNameSuffix", "-v 2", "SessionEffects:Default:TableNameSuffix", "does not allow in table names")]
    [InlineData("Sessions:project:TableAliases:orders", "ab", "SessionEffects:Sessions:project:TableAliases:orders", "not a legal DynamoDB table name")]
    [InlineData("Pools:tenants:TableNamePrefix", "{tenant}/", "SessionEffects:Pools:tenants:TableNamePrefix", "does not allow in table names")]
    public async Task A_bad_section_fails_start_up_naming_the_key(string key, string value, string expectedKey, string expectedText)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SessionEffects:Default:Region"] = "us-east-1",
            ["SessionEffects:Sessions:project:Region"] = "eu-west-1",
            ["SessionEffects:Sessions:project:RoleArn"] = "arn:aws:iam::123456789012:role/Project",
            ["SessionEffects:Sessions:project:SourceSession"] = "Default",
            ["SessionEffects:" + key] = value,
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains(expectedKey + ":", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expectedText, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_profile_fails_start_up_naming_its_key()
    {
        var file = Path.Combine(Path.GetTempPath(), $"se-empty-credentials-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, "[other]\naws_access_key_id = AKIAOTHER0000000\naws_secret_access_key = x\n");
        try
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new Dictionary<string, string?>
            {
                ["SessionEffects:Sessions:project:Profile"] = "missing-profile",
                ["SessionEffects:Sessions:project:ProfilesLocation"] = file,
                ["SessionEffects:Sessions:project:Region"] = "eu-west-1",
            }));

            Assert.Contains("SessionEffects:Sessions:project:Profile: Unknown AWS profile 'missing-profile'", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_cycle_of_source_sessions_fails_start_up_naming_the_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new Dictionary<string, string?>
        {
            ["SessionEffects:Default:Region"] = "us-east-1",
            ["SessionEffects:Sessions:a:SourceSession"] = "b",
            ["SessionEffects:Sessions:a:RoleArn"] = "arn:aws:iam::123456789012:role/A",
            ["SessionEffects:Sessions:b:SourceSession"] = "a",
            ["SessionEffects:Sessions:b:RoleArn"] = "arn:aws:iam::123456789012:role/B",
        }));

        Assert.Contains(":SourceSession: '", failure.Message, StringComparison.Ordinal);
        Assert.Contains("cycle", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_whole_configuration_a_secret_in_a_session_is_refused_and_the_application_s_own_keys_are_left_alone()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["ApiToken"] = "not ours",
                ["Default:Region"] = "us-east-1",
                ["Default:SecretAccessKey"] = Secret,
            },
            section: null));

        Assert.Contains("Default:SecretAccessKey:", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Logging", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiToken", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_options_are_made_and_checked_once_at_start_up()
    {
        var made = 0;
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SessionEffects:Default:Region"] = "us-east-1" });
        builder.Services.AddSessionEffects(builder.Configuration.GetSection("SessionEffects"), _ => made++);
        using var host = builder.Build();
        await host.StartAsync();
        _ = host.Services.GetRequiredService<AwsSession>();
        await host.StopAsync();

        // Each making of the options builds every session on trial (a profile's files are read): once is enough.
        Assert.Equal(1, made);
    }

    private static async Task StartAsync(Dictionary<string, string?> settings, string? section = "SessionEffects")
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSessionEffects(section is null ? builder.Configuration : builder.Configuration.GetSection(section));
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}

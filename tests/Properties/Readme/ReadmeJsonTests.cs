using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionEffects.CSharp;
using SessionEffects.Extensions.DependencyInjection;
using SessionEffects.Properties.Facade;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// The JSON README shows is what the library takes: the hosting section starts a host (every key a real setting, every
/// value valid at start-up), and the tenant role's trust policy allows what the pool sends (AssumeRole with the tag
/// key the pool tags sessions with). The tenant policy is checked by <see cref="TenantPoolReadme"/>.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class ReadmeJsonTests
{
    [Fact]
    public async Task The_hosting_section_starts_a_host_with_its_sessions_and_pool()
    {
        var json = ReadmeBlocks.Marked("json: hosting-settings").Code;
        var credentials = Path.Combine(Path.GetTempPath(), $"se-readme-hosting-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(credentials,
            "[app]\naws_access_key_id = ReadmeApp01\naws_secret_access_key = readme-app-secret\n\n[shared]\naws_access_key_id = ReadmeShared01\naws_secret_access_key = readme-shared-secret\n");
        try
        {
            var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));

            // Only where the profiles live differs from README (a user's are in ~/.aws).
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SessionEffects:Default:ProfilesLocation"] = credentials,
                ["SessionEffects:Sessions:project:ProfilesLocation"] = credentials,
            });
            builder.Services.AddSessionEffects(builder.Configuration.GetSection("SessionEffects"));
            var capacityBefore = SessionEffectsDiagnostics.RecordConsumedCapacity;
            using (var host = builder.Build())
            {
                await host.StartAsync();
                var directory = host.Services.GetRequiredService<SessionDirectory>();
                Assert.Equal(["migrator", "project"], directory.Names.Order(StringComparer.Ordinal));
                Assert.Equal(SessionKind.AssumedRole, directory.Get("migrator").Kind);
                Assert.Equal("eu-west-1", directory.Get("project").Region);
                Assert.Equal(1000, directory.Pool("tenants").Capacity);
                Assert.True(SessionEffectsDiagnostics.RecordConsumedCapacity);
                await host.StopAsync();
            }

            Assert.Equal(capacityBefore, SessionEffectsDiagnostics.RecordConsumedCapacity);
        }
        finally
        {
            File.Delete(credentials);
            Sessions.Configure(AwsSession.FromDefaultChain());
        }
    }

    [Fact]
    public void The_trust_policy_lets_the_application_assume_the_tenant_role_with_the_pools_tag()
    {
        using var policy = JsonDocument.Parse(ReadmeBlocks.Marked("json: trust-policy").Code);
        var statement = Assert.Single(policy.RootElement.GetProperty("Statement").EnumerateArray());
        var tag = new TenantPoolSettings().TagKey;

        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal(["sts:AssumeRole", "sts:TagSession"], statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Matches("^arn:aws:iam::\\d{12}:role/", statement.GetProperty("Principal").GetProperty("AWS").GetString());
        var condition = statement.GetProperty("Condition");
        Assert.Equal("*", condition.GetProperty("StringLike").GetProperty($"aws:RequestTag/{tag}").GetString());
        Assert.Equal([tag], condition.GetProperty("ForAllValues:StringEquals").GetProperty("aws:TagKeys").EnumerateArray().Select(k => k.GetString()));
    }
}

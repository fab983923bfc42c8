using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;

namespace SessionEffects.Properties.AwsSessions;

/// <summary>No string a session produces — descriptions, exception messages, failures — carries a secret or a token.</summary>
public sealed class SecretsTests
{
    private const string AccessKey = "AKIAZZZSECRETTEST123";
    private const string Secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYSECRETKEY";
    private const string Token = "IQoJb3JpZ2luX2VjEXAMPLETOKENVALUE";

    [Fact]
    public async Task Descriptions_and_errors_show_a_masked_key_and_never_a_secret_or_token()
    {
        await using var sts = LocalStsEndpoint.Start();
        const string arn = "arn:aws:iam::123456789012:role/Denied";
        sts.DenyRole(arn);
        var endpoint = await LocalDynamo.EndpointAsync();
        using var keys = AwsSession.FromKeys(AccessKey, Secret, "eu-west-1", Token).WithEndpoint(endpoint).WithStsEndpoint(sts.Endpoint);
        using var role = keys.AssumeRole(new AssumeRoleOptions(arn) { ExternalId = "ext" });
        using var west = keys.WithRegion("us-west-2");

        var texts = new List<string> { keys.ToString(), role.ToString(), west.ToString(), keys.MaskedAccessKeyId ?? string.Empty };

        // A failing data call (no such table for this key) and a refused role both produce messages.
        texts.AddRange(Messages(await Assert.ThrowsAnyAsync<Exception>(() => Run.Value(describeTable(DynamoTable.Of<User>()), keys))));
        texts.AddRange(Messages(await Assert.ThrowsAnyAsync<Exception>(() => Run.Value(tableExists(DynamoTable.Of<User>()), role))));
        texts.AddRange(Messages(Assert.Throws<SessionConfigurationException>(() => AwsSession.FromKeys(AccessKey, Secret, ""))));
        texts.AddRange(Messages(Assert.Throws<SessionConfigurationException>(() => keys.WithEndpoint("nonsense"))));
        var file = Path.Combine(Path.GetTempPath(), $"se-credentials-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, $"[p]\naws_access_key_id = {AccessKey}\naws_secret_access_key = {Secret}\naws_session_token = {Token}\n");
        using (var profile = AwsSession.FromProfile("p", "us-east-1", file))
        {
            texts.Add(profile.ToString());
        }

        Assert.Contains(keys.ToString(), texts);
        Assert.Contains("AKIA****T123", keys.ToString(), StringComparison.Ordinal);
        Assert.Contains("eu-west-1", keys.ToString(), StringComparison.Ordinal);
        Assert.Contains(arn, role.ToString(), StringComparison.Ordinal);
        foreach (var text in texts)
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(AccessKey, text, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Messages(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            yield return e.ToString();
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Pool;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>
/// README's tenant pool example, compiled and run against DynamoDB Local and the STS double; the snippet between the
/// markers is what README shows (<see cref="ReadmeSnippetTests"/>).
/// </summary>
public sealed class TenantPoolReadme
{
    [Fact]
    public async Task The_tenant_pool_example_runs()
    {
        await using var bed = await TenantBed.StartAsync(System.TimeSpan.FromHours(1));
        await bed.CreateTablesAsync(["acme"]);
        var appSession = bed.Source;
        var tenantRole = TenantBed.RoleArn;
        var items = TenantBed.Items;
        var request = (Tenant: "acme", Id: "order-1");
        var cancellationToken = CancellationToken.None;
        using var defaultSession = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("ReadmePool"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(defaultSession));

        // snippet:start tenant-pool
        var tableArn = TenantPolicy.TableArn("us-east-1", "123456789012", "tenant_items");
        using var pool = new SessionPool<string>(
            tenant => appSession.AssumeRole(new AssumeRoleOptions(tenantRole)
            {
                SessionName = "tenant-" + tenant,
                Tags = new Dictionary<string, string> { ["tenant"] = tenant },  // ${aws:PrincipalTag/tenant}
                Policy = TenantPolicy.ForTenant(tenant, [tableArn]),           // this tenant's partition keys only
            }),
            new SessionPoolOptions { Capacity = 1_000, MaxConcurrentAssumeRoles = 8 });

        await using (await pool.UseTenantAsync(items, request.Tenant, cancellationToken))  // per request; never blocks
        {
            await items.SaveAsync(new TenantItem { Id = request.Id, Tenant = request.Tenant }, cancellationToken: cancellationToken);
        }
        // snippet:end tenant-pool

        var stored = Assert.Single(await bed.ItemsOfAsync("acme"));
        Assert.Equal("order-1", stored["id"].S);
        var assumeRole = Assert.Single(bed.AssumeRoles());
        Assert.Equal(TenantPolicy.ForTenant("acme", [tableArn]), assumeRole.Policy);
        Assert.Equal("acme", assumeRole.Tags["tenant"]);
        Assert.False(await items.ExistsAsync());
        Assert.Equal(1, pool.Statistics.Misses);
        Assert.DoesNotContain(bed.AssumeRoles(), r => r.Tags.Count == 0);
    }

    [Fact]
    public void README_shows_the_policy_TenantPolicy_writes()
    {
        var shown = ReadmeBlocks.Marked("json: tenant-policy").Code;

        var written = TenantPolicy.ForTenant("acme", [TenantPolicy.TableArn("us-east-1", "123456789012", "tenant_items")]);

        Assert.Equal(Compact(written), Compact(shown));
    }

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}

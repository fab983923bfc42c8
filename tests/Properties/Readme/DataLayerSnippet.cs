using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;

namespace SessionEffects.Properties.Readme;

/// <summary>README's data-layer snippet, compiled and run against DynamoDB Local (kept identical by <see cref="ReadmeSnippetTests"/>).</summary>
public sealed class DataLayerSnippet
{
    [EngineFact(EngineFeature.Transactions)]
    public async Task The_data_layer_snippet_runs()
    {
        using var tenant = await LocalDynamo.SessionAsync(LocalDynamo.NewAccessKey("Snippet"));
        using var environment = Sessions.UseEnvironment(BindingRoot.New(tenant));
        var accounts = DynamoTable.Of<BankAccount>();
        await accounts.CreateTableAsync();
        await accounts.BatchSaveAsync([new BankAccount { Owner = "alice", Balance = 100 }, new BankAccount { Owner = "bob" }]);
        var pages = new List<Page<BankAccount>>();

        // snippet:start data-layer
        using (Sessions.UseSession(accounts, tenant))
        {
            // All or nothing; refused before sending if the parts' tables resolve to different accounts.
            await Transactions.TransactWriteAsync(
            [
                WritePart.Update(accounts, "alice", null, ItemUpdate.Of<BankAccount>().Add(a => a.Balance, -30).When(a => a.Balance >= 30)),
                WritePart.Update(accounts, "bob", null, ItemUpdate.Of<BankAccount>().Add(a => a.Balance, 30)),
            ], clientRequestToken: "transfer-0001");

            var both = await accounts.BatchGetAsync([ItemKey.Of("alice"), ItemKey.Of("bob")]);   // distinct keys in first-occurrence order, missing ones absent

            string? token = null;                                       // page tokens for a web API
            do
            {
                var page = await accounts.ScanPageAsync(new ScanOptions { PageSize = 25, StartToken = token });
                pages.Add(page);
                token = page.NextToken;                                 // URL-safe, bound to this read and this session
            }
            while (token is not null);

            await foreach (var account in accounts.ScanAsync(new ScanOptions { Segments = 4 }))   // parallel scan
            {
                System.Console.WriteLine($"{account.Owner}: {account.Balance}");
            }
        }
        // snippet:end data-layer

        Assert.Equal(new[] { 70L, 30L }, (await accounts.BatchGetAsync([ItemKey.Of("alice"), ItemKey.Of("bob")])).Select(a => a.Balance));
        Assert.Equal(2, pages.Sum(p => p.Items.Count));
    }
}

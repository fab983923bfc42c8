using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using SessionEffects.CSharp;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Samples.CrossAccountCopy;

/// <summary>
/// The Python original's demo, step by step: one table mapping, a default account and a project account. Each step
/// prints which session (masked identity and region) served it.
/// </summary>
public sealed class Demo(AwsSession defaultAccount, AwsSession project, TextWriter output)
{
    private static readonly DynamoTable<DemoUser> Users = DynamoTable.Of<DemoUser>();
    private int step;

    /// <summary>Runs every step; throws if a verification fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Sessions.Configure(defaultAccount);
        Say($"default account: {defaultAccount}");
        Say($"project account: {project}");

        using (Sessions.UseSession(Users, project))
        {
            await Users.DeleteIfExistsAsync(cancellationToken);
        }

        await Users.DeleteIfExistsAsync(cancellationToken);
        Step($"the table {Users.Name} exists in neither account");

        using (Sessions.UseSession(Users, project))
        {
            await Users.CreateTableAsync(cancellationToken: cancellationToken);
            Step("created the table in the project account (restore scope)");
        }

        Step($"back on the default account; it has the table: {await Users.ExistsAsync(cancellationToken)}");
        try
        {
            await Users.SaveAsync(new DemoUser { Id = "1", Name = "Alice" }, cancellationToken: cancellationToken);
            throw new InvalidOperationException("The default account unexpectedly accepted the save.");
        }
        catch (ResourceNotFoundException ex)
        {
            Step($"saving through the default account fails as it should: {ex.ErrorCode}");
        }

        using (Sessions.UseSession(Users, project, restoreOnExit: false))
        {
            await Users.SaveAsync(new DemoUser { Id = "1", Name = "Alice" }, cancellationToken: cancellationToken);
            await Users.SaveAsync(new DemoUser { Id = "2", Name = "Bob" }, cancellationToken: cancellationToken);
            Step("saved Alice and Bob with keep (restoreOnExit: false)");
        }

        Step($"read back without re-entering (the switch was kept): {(await Users.GetAsync("1", cancellationToken: cancellationToken))?.Name}");
        using (Sessions.UseSession(Users, null))
        {
            Step($"a none session changes nothing: {(await Users.GetAsync("2", cancellationToken: cancellationToken))?.Name}");
        }

        Sessions.ResetConnection(Users);
        Step($"reset: the default account again; it has the table: {await Users.ExistsAsync(cancellationToken)}");

        // The copy as one composed core workflow: scan in the project account, write into the default account.
        var copy =
            from _ in createTable(Users)
            from items in useSession(Users, project, scan(Users))
            from __ in batchSave(Users, items)
            from total in count(Users)
            select (Scanned: items.Count, Total: total);
        var (scanned, copied) = await Sessions.RunAsync(copy, cancellationToken);
        Step($"copied {scanned} item(s) from the project account; the default account now holds {copied}");

        var names = await Users.ScanAsync(cancellationToken: cancellationToken).Select(u => u.Name).OrderBy(n => n, StringComparer.Ordinal).ToListAsync(cancellationToken);
        if (copied != scanned || !names.SequenceEqual(["Alice", "Bob"]))
        {
            throw new InvalidOperationException($"Verification failed: {copied} copied, names [{string.Join(", ", names)}].");
        }

        Step($"verified in the default account: {string.Join(", ", names)}");

        await Users.DeleteTableAsync(cancellationToken: cancellationToken);
        using (Sessions.UseSession(Users, project))
        {
            await Users.DeleteTableAsync(cancellationToken: cancellationToken);
        }

        Step("cleaned up: the table is deleted in both accounts");
    }

    private void Step(string text) => Say($"{++step,2}. {text}  [served by {Sessions.CurrentSession(Users)}]");

    private void Say(string text) => output.WriteLine(text);
}

/// <summary>Small helpers the demo needs.</summary>
internal static class DemoTableExtensions
{
    public static async Task DeleteIfExistsAsync(this DynamoTable table, CancellationToken cancellationToken)
    {
        if (await table.ExistsAsync(cancellationToken))
        {
            await table.DeleteTableAsync(cancellationToken: cancellationToken);
        }
    }
}

using System;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.Migration;

/// <summary>
/// The facade's migration: a table bound to a mirrored session with <c>Sessions.UseSession</c>, then
/// <c>BackfillAsync</c>, <c>ReconcileAsync</c> and <c>CutoverAsync</c> as extension methods of the table, and the by-name
/// forms of <c>Copies</c>; a table bound to a session that is not mirrored is refused with the table's name.
/// </summary>
public sealed class FacadeMigrationTests
{
    private static readonly DynamoTable<User> Users = MigrationBed.Users;

    [Fact]
    public async Task Backfill_reconcile_and_cutover_through_the_facade_leave_both_sides_equal()
    {
        using var bed = await MigrationBed.CreateAsync("MigFacade");
        await MigrationBed.SeedAsync(bed.Source, 25);
        using var mirrored = AwsSession.Mirrored(bed.Source, bed.Target);
        using (Sessions.UseSession(Users, mirrored))
        {
            await Users.SaveAsync(new User { Id = "u0", Name = "mirrored before the backfill" });
            var backfilled = await Users.BackfillAsync(new BackfillOptions { Segments = 2, PageSize = 4 });
            Assert.Equal((25L, 24L, 1L), (backfilled.Scanned, backfilled.Written, backfilled.AlreadyThere));

            await MigrationBed.SeedAsync(bed.Source, 3, "around the mirror", from: 100);
            var reconciled = await Users.ReconcileAsync();
            Assert.True(reconciled.Converged);
            Assert.Equal(3, reconciled.Repaired);

            await Users.CutoverAsync();
            Assert.Same(bed.Target, mirrored.Mirror!.Primary);
            await Users.DeleteAsync("u1");
        }

        Assert.True((await bed.CompareAsync(bed.Target)).IsIdentical);
        var byName = await Copies.ReconcileAsync("users", mirrored, new ReconcileOptions { MaxPasses = 1 });
        Assert.True(byName.Converged, byName.LastPass.ToString());
        Assert.Equal(27, byName.LastPass.SourceItems);
        var again = await Copies.BackfillAsync("users", mirrored);
        Assert.Equal((27L, 0L, 27L), (again.Scanned, again.Written, again.AlreadyThere));

        using (Sessions.UseSession(Users, bed.Source))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Users.ReconcileAsync());
            Assert.Contains("Table users is bound to", refused.Message, StringComparison.Ordinal);
            Assert.Contains("which is not mirrored", refused.Message, StringComparison.Ordinal);
        }
    }
}

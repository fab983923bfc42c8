using System;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Properties.Programs;
using Xunit;

namespace SessionEffects.Properties.Core;

/// <summary>
/// The routing property with table namings (issue 23): random nestings of scopes over sessions that differ in account
/// or only in naming (prefix, suffix, aliases). Every write, read-back and transaction reaches the physical table of
/// the session the reference model predicts, through the core and through the facade — checked with raw clients in
/// every (account, physical table) of the world.
/// </summary>
public sealed class NamedRoutingProperties(NamedRoutingAccounts accounts) : IClassFixture<NamedRoutingAccounts>
{
    [Property(MaxTest = 25, Arbitrary = [typeof(WritingProgramArbitraries)])]
    public Property Core_writes_land_in_the_physical_table_the_model_predicts(ProgramCase program) =>
        Check(program, prefix => new CoreInterpreter(accounts.World, prefix).RunAsync(program, SessionEnv.New(accounts.World.Default)));

    [Property(MaxTest = 15, Arbitrary = [typeof(WritingProgramArbitraries)])]
    public Property Facade_writes_land_in_the_physical_table_the_model_predicts(ProgramCase program) =>
        Check(program, prefix => new FacadeInterpreter(accounts.World, prefix).RunAsync(program));

    private Property Check(ProgramCase program, Func<string, Task<Programs.Outcome>> run)
    {
        var prefix = $"n{Guid.NewGuid():N}-";
        var expected = ReferenceModel.Run(program, reach: session => NamedRoutingAccounts.Places[session].Account);
        var (actual, landed) = Task.Run(async () =>
        {
            var outcome = await run(prefix);
            return (outcome, await accounts.WhereWritesLandedAsync(outcome.Trace, prefix));
        }).GetAwaiter().GetResult();
        var predicted = RoutingAccounts.PredictedWrites(expected.Trace, prefix);
        return (predicted.Count > 0 && expected == actual && landed.SequenceEqual(predicted))
            .Label($"model    {expected}\nactual   {actual}\npredicted {string.Join(", ", predicted)}\nlanded    {string.Join(", ", landed)}")
            .Classify(predicted.Select(p => p[(p.IndexOf('>') + 1)..]).Distinct().Count() >= 2, "writes to 2+ namings")
            .Classify(predicted.Any(p => p.EndsWith("->S0", StringComparison.Ordinal) || p.EndsWith("->S3", StringComparison.Ordinal)), "a renamed table in the default's account");
    }
}

using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Properties.Programs;
using Xunit;
using Outcome = SessionEffects.Properties.Programs.Outcome;

namespace SessionEffects.Properties.Facade;

/// <summary>
/// The core's program generator, run through the facade's using-scopes, matches the same reference model; and with
/// real DynamoDB Local, every facade write lands where the model says.
/// </summary>
public sealed class FacadeModelProperties(RoutingAccounts accounts) : IClassFixture<RoutingAccounts>
{
    private static readonly World InMemory = World.InMemory();

    [Property(MaxTest = 1000, Arbitrary = [typeof(ProgramArbitraries)])]
    public Property Facade_matches_the_reference_model(ProgramCase program)
    {
        var expected = ReferenceModel.Run(program);
        Outcome actual = Task.Run(() => new FacadeInterpreter(InMemory).RunAsync(program)).GetAwaiter().GetResult();
        return (expected == actual).Label($"expected {expected}\nactual   {actual}");
    }

    [Property(MaxTest = 15, Arbitrary = [typeof(WritingProgramArbitraries)])]
    public Property Facade_writes_land_in_the_account_the_model_predicts(ProgramCase program)
    {
        var prefix = $"f{System.Guid.NewGuid():N}-";
        var expected = ReferenceModel.Run(program);
        var (actual, landed) = Task.Run(async () =>
        {
            var outcome = await new FacadeInterpreter(accounts.World, prefix).RunAsync(program);
            return (outcome, await accounts.WhereWritesLandedAsync(outcome.Trace, prefix));
        }).GetAwaiter().GetResult();
        var predicted = RoutingAccounts.PredictedWrites(expected.Trace, prefix);
        return (expected == actual && System.Linq.Enumerable.SequenceEqual(landed, predicted))
            .Label($"model {expected}\nfacade {actual}\npredicted {string.Join(", ", predicted)}\nlanded {string.Join(", ", landed)}");
    }
}

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
/// Property 2: programs that write, run against real DynamoDB Local with every session a different access key, put
/// every item in exactly the account the reference model predicts — checked afterwards with plain SDK clients.
/// </summary>
public sealed class RoutingProperties(RoutingAccounts accounts) : IClassFixture<RoutingAccounts>
{
    [Property(MaxTest = 25, Arbitrary = [typeof(WritingProgramArbitraries)])]
    public Property Every_write_lands_in_the_account_the_model_predicts(ProgramCase program)
    {
        var prefix = $"r{Guid.NewGuid():N}-";
        var expected = ReferenceModel.Run(program);
        var (actual, landed) = Task.Run(async () =>
        {
            var outcome = await new CoreInterpreter(accounts.World, prefix).RunAsync(program, SessionEnv.New(accounts.World.Default));
            return (outcome, await accounts.WhereWritesLandedAsync(outcome.Trace, prefix));
        }).GetAwaiter().GetResult();
        var predicted = RoutingAccounts.PredictedWrites(expected.Trace, prefix);
        return (predicted.Count > 0 && expected == actual && landed.SequenceEqual(predicted))
            .Label($"model    {expected}\ncore     {actual}\npredicted {string.Join(", ", predicted)}\nlanded    {string.Join(", ", landed)}")
            .Classify(predicted.Count >= 3, "3+ writes")
            .Classify(expected.Trace.Any(e => e.StartsWith('t') && e.EndsWith("refused", StringComparison.Ordinal)), "a transaction refused")
            .Classify(expected.Trace.Any(e => e.StartsWith('t') && !e.EndsWith("refused", StringComparison.Ordinal)), "a transaction committed")
            .Classify(predicted.Select(p => p[(p.IndexOf('>') + 1)..]).Distinct().Count() >= 2, "writes to 2+ accounts");
    }
}

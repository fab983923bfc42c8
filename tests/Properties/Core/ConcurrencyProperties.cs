using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using SessionEffects.Properties.Programs;
using Xunit;
using static LanguageExt.Prelude;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.Core;

/// <summary>
/// Property 3: branches run with LanguageExt's own parallel combinator (<c>SequenceParallel</c>, which hands every
/// branch the same runtime value), each opening restore scopes of the same table with its own choice of sessions,
/// observing, pausing and writing to real DynamoDB Local. Every branch behaves exactly as the reference model says it
/// would alone: it never observes or writes through another branch's binding. A top-level keep made before the fork
/// is what every branch sees outside its own scopes.
/// </summary>
public sealed class ConcurrencyProperties(RoutingAccounts accounts) : IClassFixture<RoutingAccounts>
{
    /// <summary>A top-level keep (or none) followed by 2–6 branches forked in parallel.</summary>
    public sealed record ConcurrentCase(int? TopKeep, ImmutableList<ImmutableList<Step>> Branches)
    {
        public override string ToString() =>
            $"keep(T0, {(TopKeep is { } k ? $"S{k}" : "nothing")}); parallel [{string.Join(" || ", Branches.Select(Step.Render))}]";
    }

    public static class Arbitraries
    {
        public static Arbitrary<ConcurrentCase> Cases() => Arb.From(
            from keep in Gen.Frequency((1, Gen.Constant((int?)null)), (2, Gen.Choose(0, 3).Select(k => (int?)k)))
            from count in Gen.Choose(2, 6)
            from branches in Gen.ListOf(Branch(0), count)
            select new ConcurrentCase(keep, [.. branches]),
            c => c.Branches.Count <= 2 ? [] : Enumerable.Range(0, c.Branches.Count).Select(i => c with { Branches = c.Branches.RemoveAt(i) }));

        private static Gen<ImmutableList<Step>> Branch(int depth) =>
            from n in Gen.Choose(1, depth == 0 ? 4 : 3)
            from steps in Gen.ListOf(BranchStep(depth), n)
            select steps.ToImmutableList();

        private static Gen<Step> BranchStep(int depth)
        {
            var leaf = Gen.Frequency(
                (3, Gen.Constant((Step)new Observe(0))),
                (2, Gen.Constant((Step)new Write(0))),
                (2, Gen.Constant((Step)new Pause())));
            return depth >= 3 ? leaf : Gen.Frequency(
                (2, leaf),
                (3, from s in Gen.Choose(0, 3) from body in Branch(depth + 1) select (Step)new Use(0, s, true, body)));
        }
    }

    [Property(MaxTest = 20, Arbitrary = [typeof(Arbitraries)])]
    public Property Parallel_branches_never_see_each_others_bindings(ConcurrentCase program)
    {
        var prefix = $"c{Guid.NewGuid():N}-";
        var initial = program.TopKeep is { } k ? new Dictionary<int, int> { [0] = k } : null;
        var expected = program.Branches.Select((b, i) => ReferenceModel.Run(new ProgramCase(1, 4, b), initial)).ToList();
        var interpreters = program.Branches.Select((_, i) => new CoreInterpreter(accounts.World, $"{prefix}b{i}-")).ToList();

        var outcome = Task.Run(async () =>
        {
            var env = SessionEnv.New(accounts.World.Default);
            var keep = program.TopKeep is { } s
                ? useSession(World.Tables[0], accounts.World.Sessions[s], SuccessAff<SessionEnv, Unit>(unit), restoreOnExit: false)
                : SuccessAff<SessionEnv, Unit>(unit);
            var forked = Enumerable.Range(0, program.Branches.Count)
                .SequenceParallel(i => interpreters[i].Compile(program.Branches[i]));
            var result = await keep.Bind(_ => forked).Run(env);
            return (result, env.Resolve(World.Tables[0]), interpreters.Select(it => it.Trace).ToList());
        }).GetAwaiter().GetResult();

        var problems = new List<string>();
        if (outcome.result.IsFail)
        {
            problems.Add($"run failed: {outcome.result}");
        }

        var root = accounts.World.Name(outcome.Item2);
        if (root != (program.TopKeep is { } kept ? $"S{kept}" : "D"))
        {
            problems.Add($"root binding after the fork is {root}");
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (!outcome.Item3[i].SequenceEqual(expected[i].Trace))
            {
                problems.Add($"branch {i}: expected [{string.Join(", ", expected[i].Trace)}] got [{string.Join(", ", outcome.Item3[i])}]");
            }

            var branchPrefix = $"{prefix}b{i}-";
            var predicted = RoutingAccounts.PredictedWrites(expected[i].Trace, branchPrefix);
            var landed = Task.Run(() => accounts.WhereWritesLandedAsync(outcome.Item3[i], branchPrefix)).GetAwaiter().GetResult();
            if (!landed.SequenceEqual(predicted))
            {
                problems.Add($"branch {i}: predicted [{string.Join(", ", predicted)}] landed [{string.Join(", ", landed)}]");
            }
        }

        return (problems.Count == 0).Label(string.Join("\n", problems))
            .Classify(program.TopKeep is not null, "after a top-level keep")
            .Classify(program.Branches.Count >= 4, "4+ branches");
    }
}

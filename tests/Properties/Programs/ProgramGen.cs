using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SessionEffects.TestSupport;

namespace SessionEffects.Properties.Programs;

/// <summary>
/// Generators of session programs: nested use (restore / keep / none), reset, observe, write, two-table transactions (on an engine that has them),
/// fail and catch, over
/// 1–3 tables and 1–4 sessions, nesting depth up to 6; and a shrinker that removes steps and unwraps scopes so a
/// counterexample comes out small and readable. Shared by the core's and the facade's properties.
/// </summary>
public static class ProgramGen
{
    public const int MaxDepth = 6;

    /// <summary>Arbitrary sequential programs.</summary>
    public static Arbitrary<ProgramCase> Programs() => Arb.From(Cases(withFailures: true), Shrink);

    /// <summary>Programs with no top-level failure path, for checks that need every write to happen.</summary>
    public static Gen<ProgramCase> Cases(bool withFailures) =>
        from tables in Gen.Choose(1, 3)
        from sessions in Gen.Choose(1, 4)
        from steps in Steps(tables, sessions, depth: 0, withFailures)
        select new ProgramCase(tables, sessions, steps);

    /// <summary>A list of steps at the given nesting depth.</summary>
    public static Gen<ImmutableList<Step>> Steps(int tables, int sessions, int depth, bool withFailures) =>
        Gen.Sized(size =>
            from count in Gen.Choose(depth == 0 ? 1 : 0, System.Math.Max(1, System.Math.Min(size, depth == 0 ? 8 : 4)))
            from steps in Gen.ListOf(StepGen(tables, sessions, depth, withFailures), count)
            select steps.ToImmutableList());

    private static Gen<Step> StepGen(int tables, int sessions, int depth, bool withFailures)
    {
        var table = Gen.Choose(0, tables - 1);
        var leaves = new List<(int, Gen<Step>)>
        {
            (3, table.Select(t => (Step)new Observe(t))),
            (2, table.Select(t => (Step)new Write(t))),
            (1, table.Select(t => (Step)new Reset(t))),
        };

        // On an engine without transactions (dynalite) the programs have every other step; DynamoDB Local's run keeps them.
        if (EngineFeatures.SkipReason(EngineFeature.Transactions) is null)
        {
            leaves.Add((1, from a in table from b in table select (Step)new Transact(a, b)));
        }

        if (withFailures)
        {
            leaves.Add((1, Gen.Constant((Step)new Fail())));
        }

        var leaf = Gen.Frequency(leaves.ToArray());
        if (depth >= MaxDepth)
        {
            return leaf;
        }

        var session = Gen.Frequency(
            (4, Gen.Choose(0, sessions - 1).Select(s => (int?)s)),
            (1, Gen.Constant((int?)null)));
        var use =
            from t in table
            from s in session
            from restore in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
            from body in Steps(tables, sessions, depth + 1, withFailures)
            select (Step)new Use(t, s, restore, body);
        var nested = new List<(int, Gen<Step>)> { (4, leaf), (3, use) };
        if (withFailures)
        {
            nested.Add((1, Steps(tables, sessions, depth + 1, withFailures).Select(b => (Step)new Catch(b))));
        }

        return Gen.Frequency(nested.ToArray());
    }

    /// <summary>Smaller programs: fewer steps, scopes replaced by their bodies, bodies shrunk, fewer tables/sessions.</summary>
    public static IEnumerable<ProgramCase> Shrink(ProgramCase program)
    {
        foreach (var steps in ShrinkSteps(program.Steps))
        {
            yield return program with { Steps = steps };
        }
    }

    private static IEnumerable<ImmutableList<Step>> ShrinkSteps(ImmutableList<Step> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            yield return steps.RemoveAt(i);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            switch (steps[i])
            {
                case Use u:
                    yield return steps.RemoveAt(i).InsertRange(i, u.Body);
                    if (u.Session is not null)
                    {
                        yield return steps.SetItem(i, u with { Session = null });
                    }

                    if (!u.Restore)
                    {
                        yield return steps.SetItem(i, u with { Restore = true });
                    }

                    foreach (var body in ShrinkSteps(u.Body))
                    {
                        yield return steps.SetItem(i, u with { Body = body });
                    }

                    break;
                case Catch c:
                    yield return steps.RemoveAt(i).InsertRange(i, c.Body);
                    foreach (var body in ShrinkSteps(c.Body))
                    {
                        yield return steps.SetItem(i, c with { Body = body });
                    }

                    break;
            }
        }
    }
}

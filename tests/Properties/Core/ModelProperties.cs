using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SessionEffects.Properties.Programs;
using Outcome = SessionEffects.Properties.Programs.Outcome;

namespace SessionEffects.Properties.Core;

/// <summary>
/// Property 1: for every generated sequential program, the core's observations, failures and final bindings equal the
/// reference model of SPEC.md. Thousands of programs per second: no I/O (sessions are never contacted).
/// </summary>
public sealed class ModelProperties
{
    private static readonly World World = World.InMemory();

    [Property(MaxTest = 1000, Arbitrary = [typeof(ProgramArbitraries)])]
    public Property Core_matches_the_reference_model(ProgramCase program)
    {
        var expected = ReferenceModel.Run(program);
        var actual = RunCore(program);
        return (expected == actual)
            .Label($"expected {expected}\nactual   {actual}")
            .Classify(program.Steps.Any(s => s.Depth >= 3), "nested 3+ deep")
            .Classify(expected.Failure is not null, "failure reached the caller")
            .Classify(expected.Trace.Any(e => e.StartsWith("caught", System.StringComparison.Ordinal)), "failure caught inside")
            .Classify(program.ToString().Contains("none", System.StringComparison.Ordinal), "has a none session")
            .Classify(program.ToString().Contains("keep", System.StringComparison.Ordinal), "has a keep")
            .Classify(program.Tables > 1, "several tables");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ProgramArbitraries)])]
    public Property None_never_changes_a_binding_even_when_its_body_fails(ProgramCase setup, int table, bool bodyFails)
    {
        // Arbitrary bindings first (the setup's failures are caught), then use(T, none, body) with a body that only
        // looks, and fails or not.
        var t = System.Math.Abs(table % setup.Tables);
        var body = ImmutableList.Create<Step>(new Observe(t), new Use((t + 1) % setup.Tables, null, false, [new Observe(t)]));
        var withNone = setup with
        {
            Steps = [new Catch(setup.Steps), new Observe(0), new Use(t, null, true, bodyFails ? body.Add(new Fail()) : body)],
        };
        var before = ReferenceModel.Run(setup with { Steps = [new Catch(setup.Steps)] }).Final;
        var actual = RunCore(withNone);
        return (actual.Final.SequenceEqual(before) && (actual.Failure is not null) == bodyFails)
            .Label($"bindings before {string.Join(",", before)}; after {actual}");
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(ProgramArbitraries)])]
    public Property A_restore_scope_restores_when_its_body_is_cancelled(ProgramCase setup, ProgramCase inner, int table, int session)
    {
        // The body ends by cancelling the environment; the model treats cancellation as a failure at that point.
        var t = System.Math.Abs(table % setup.Tables);
        var s = System.Math.Abs(session % setup.Sessions);
        var body = inner.Steps.Where(IsSafeFor(setup)).Append(new Cancel()).ToImmutableList();
        var program = setup with { Steps = [new Catch(setup.Steps), new Use(t, s, true, body)] };
        var expected = ReferenceModel.Run(program);
        var env = SessionEnv.New(World.Default);
        var actual = Task.Run(() => new CoreInterpreter(World).RunAsync(program, env)).GetAwaiter().GetResult();
        return (actual.Final.SequenceEqual(expected.Final) && expected.Failure == "cancelled" && actual.Failure == "cancelled" && env.CancellationToken.IsCancellationRequested)
            .Label($"expected {expected}\nactual   {actual}");
    }

    private static System.Func<Step, bool> IsSafeFor(ProgramCase setup) =>
        step => !step.ToString().Contains("fail", System.StringComparison.Ordinal) && MaxIndex(step) < System.Math.Min(setup.Tables, setup.Sessions);

    private static int MaxIndex(Step step) => step switch
    {
        Use u => new[] { u.Table, u.Session ?? 0 }.Concat(u.Body.Select(MaxIndex)).Max(),
        Catch c => c.Body.Select(MaxIndex).DefaultIfEmpty(0).Max(),
        Observe o => o.Table,
        Write w => w.Table,
        Reset r => r.Table,
        _ => 0,
    };

    private static Outcome RunCore(ProgramCase program) =>
        Task.Run(() => new CoreInterpreter(World).RunAsync(program, SessionEnv.New(World.Default))).GetAwaiter().GetResult();
}

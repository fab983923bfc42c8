using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using SessionEffects.CSharp;

namespace SessionEffects.Properties.Programs;

/// <summary>
/// Runs a generated program through the C# facade: <c>using (Sessions.UseSession(…))</c> blocks instead of
/// <c>useSession</c>, exceptions instead of failures, <c>try/catch</c> for Catch. Compared with the same reference model.
/// </summary>
public sealed class FacadeInterpreter(World world, string idPrefix = "")
{
    private readonly List<string> trace = [];
    private readonly Dictionary<string, ProgramFailure> raised = [];
    private int writes;
    private int transactions;
    private int fails;

    /// <summary>Runs the program in its own root (so parallel tests never share bindings) and reports what it did.</summary>
    public async Task<Outcome> RunAsync(ProgramCase program)
    {
        using var environment = Sessions.UseEnvironment(BindingRoot.New(world.Default));
        string? failure = null;
        try
        {
            await RunAll(program.Steps);
        }
        catch (ProgramFailure pf)
        {
            failure = raised.TryGetValue(pf.Id, out var original) && ReferenceEquals(original, pf) ? pf.Id : $"changed {pf.Id}";
        }

        var final = Enumerable.Range(0, program.Tables).Select(t => world.Name(Sessions.CurrentSession(World.Tables[t]))).ToImmutableList();
        return new Outcome([.. trace], failure, final);
    }

    private async Task RunAll(IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            await RunOne(step);
        }
    }

    private async Task RunOne(Step step)
    {
        switch (step)
        {
            case Observe o:
                trace.Add($"T{o.Table}={world.Name(Sessions.CurrentSession(World.Tables[o.Table]))}");
                break;
            case Write w:
                var k = writes++;
                var session = Sessions.CurrentSession(World.Tables[w.Table]);
                await Sessions.RunAsync(world.Write(w.Table, $"{idPrefix}w{k}"));
                trace.Add($"w{k}:T{w.Table}->{world.Name(session)}");
                break;
            case Transact t:
                var tx = transactions++;
                var (first, second) = (world.Name(Sessions.CurrentSession(World.Tables[t.First])), world.Name(Sessions.CurrentSession(World.Tables[t.Second])));
                try
                {
                    await Sessions.RunAsync(world.Transact(t.First, t.Second, $"{idPrefix}t{tx}"));
                    trace.Add($"t{tx}:T{t.First}+T{t.Second}->{TransactionTrace.Sessions(first, second, sameReach: true)}");
                }
                catch (TransactionSessionException)
                {
                    trace.Add($"t{tx}:T{t.First}+T{t.Second}->refused");
                }

                break;
            case Reset r:
                Sessions.ResetConnection(World.Tables[r.Table]);
                break;
            case Fail:
                var id = $"F{fails++}";
                throw raised[id] = new ProgramFailure(id);
            case Pause:
                await Task.Yield();
                break;
            case Catch c:
                try
                {
                    await RunAll(c.Body);
                }
                catch (ProgramFailure pf)
                {
                    trace.Add($"caught {pf.Id}");
                }

                break;
            case Use u:
                using (Sessions.UseSession(World.Tables[u.Table], u.Session is { } s ? world.Sessions[s] : null, u.Restore))
                {
                    await RunAll(u.Body);
                }

                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(step), step, "not a facade step");
        }
    }
}

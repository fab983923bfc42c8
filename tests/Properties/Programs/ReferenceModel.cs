using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace SessionEffects.Properties.Programs;

/// <summary>
/// The reference model of SPEC.md, transcribed literally: a map from table to session (absent = default),
/// <c>use</c> with save/assign/finally-restore, <c>keep</c> as assignment, <c>none</c> as the bare body,
/// <c>reset</c> as removal, and SPEC.md's transaction rule (a transaction over tables bound to different sessions is
/// refused, unless the sessions reach one account and region and differ only in how they name tables: then each part
/// goes to its own table's session). It is the oracle every interpreter of a program is compared with.
/// </summary>
public static class ReferenceModel
{
    /// <summary>
    /// Runs a program in the model, starting from <paramref name="initial"/> bindings (none by default).
    /// <paramref name="reach"/> names the account and region of each session (<c>D</c>, <c>S0</c>...) where several
    /// sessions share one; by default every session reaches its own.
    /// </summary>
    public static Outcome Run(ProgramCase program, IReadOnlyDictionary<int, int>? initial = null, System.Func<string, string>? reach = null)
    {
        var state = new State(initial, reach ?? (s => s));
        string? failure = null;
        try
        {
            state.RunAll(program.Steps);
        }
        catch (ModelFailure f)
        {
            failure = f.Id;
        }

        var final = Enumerable.Range(0, program.Tables).Select(state.Observe).ToImmutableList();
        return new Outcome(state.Trace.ToImmutableList(), failure, final);
    }

    private sealed class ModelFailure(string id) : System.Exception(id)
    {
        public string Id { get; } = id;
    }

    private sealed class State(IReadOnlyDictionary<int, int>? initial, System.Func<string, string> reach)
    {
        private readonly Dictionary<int, int> bindings = initial is null ? [] : new Dictionary<int, int>(initial);
        private int writes;
        private int transactions;
        private int fails;

        public List<string> Trace { get; } = [];

        public string Observe(int table) => bindings.TryGetValue(table, out var s) ? $"S{s}" : "D";

        public void RunAll(IEnumerable<Step> steps)
        {
            foreach (var step in steps)
            {
                RunOne(step);
            }
        }

        private void RunOne(Step step)
        {
            switch (step)
            {
                case Observe o:
                    Trace.Add($"T{o.Table}={Observe(o.Table)}");
                    break;
                case Write w:
                    Trace.Add($"w{writes++}:T{w.Table}->{Observe(w.Table)}");
                    break;
                case Transact t:
                    var (first, second) = (Observe(t.First), Observe(t.Second));
                    Trace.Add($"t{transactions++}:T{t.First}+T{t.Second}->{TransactionTrace.Sessions(first, second, reach(first) == reach(second))}");
                    break;
                case Reset r:
                    bindings.Remove(r.Table);
                    break;
                case Fail:
                    throw new ModelFailure($"F{fails++}");
                case Cancel:
                    throw new ModelFailure("cancelled");
                case Pause:
                    break;
                case Catch c:
                    try
                    {
                        RunAll(c.Body);
                    }
                    catch (ModelFailure f) when (f.Id != "cancelled")
                    {
                        Trace.Add($"caught {f.Id}");
                    }

                    break;
                case Use { Session: null } u:
                    RunAll(u.Body);
                    break;
                case Use { Restore: false } u:
                    bindings[u.Table] = u.Session!.Value;
                    RunAll(u.Body);
                    break;
                case Use u:
                    var had = bindings.TryGetValue(u.Table, out var saved);
                    bindings[u.Table] = u.Session!.Value;
                    try
                    {
                        RunAll(u.Body);
                    }
                    finally
                    {
                        if (had)
                        {
                            bindings[u.Table] = saved;
                        }
                        else
                        {
                            bindings.Remove(u.Table);
                        }
                    }

                    break;
            }
        }
    }
}

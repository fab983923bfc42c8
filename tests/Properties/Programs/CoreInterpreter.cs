using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using static SessionEffects.Scope;
using UnitAff = LanguageExt.Aff<SessionEffects.SessionEnv, LanguageExt.Unit>;

namespace SessionEffects.Properties.Programs;

/// <summary>Compiles a generated program into one core effect (<c>useSession</c>, <c>resetConnection</c>, …) and runs it.</summary>
public sealed class CoreInterpreter
{
    private readonly World world;
    private readonly string idPrefix;
    private readonly List<string> trace = [];
    private readonly Dictionary<string, ProgramFailure> raised = [];
    private int writes;
    private int transactions;
    private int fails;

    /// <param name="world">The tables and sessions.</param>
    /// <param name="idPrefix">Prefix of the item ids this interpreter writes (unique per run or branch).</param>
    public CoreInterpreter(World world, string idPrefix = "")
    {
        this.world = world;
        this.idPrefix = idPrefix;
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="env"/> and reports what it did, in the model's terms.</summary>
    public async Task<Outcome> RunAsync(ProgramCase program, SessionEnv env)
    {
        var result = await Compile(program.Steps).Run(env);
        var failure = result.Match(_ => (string?)null, Describe);
        var final = Enumerable.Range(0, program.Tables).Select(t => world.Name(env.Resolve(World.Tables[t]))).ToImmutableList();
        return new Outcome([.. trace], failure, final);
    }

    /// <summary>What this interpreter recorded so far (observations, writes, caught failures), in order.</summary>
    public ImmutableList<string> Trace => [.. trace];

    /// <summary>The effect of a step list.</summary>
    public Aff<SessionEnv, Unit> Compile(IEnumerable<Step> steps) =>
        steps.Aggregate(SuccessAff<SessionEnv, Unit>(unit), (acc, step) => acc.Bind(_ => Compile(step)));

    /// <summary>The write ids this interpreter issued, in order.</summary>
    public string WriteId(int k) => $"{idPrefix}w{k}";

    /// <summary>The id stem of transaction <paramref name="k"/>'s two items.</summary>
    public string TransactionId(int k) => $"{idPrefix}t{k}";

    private Aff<SessionEnv, Unit> Compile(Step step) => step switch
    {
        Observe o => currentSession(World.Tables[o.Table]).Map(s => Record($"T{o.Table}={world.Name(s)}")),
        Write w => UnitAff.EffectMaybe(async env =>
        {
            var k = writes++;
            var session = env.Resolve(World.Tables[w.Table]);
            var written = await world.Write(w.Table, WriteId(k)).Run(env);
            return written.Map(_ => Record($"w{k}:T{w.Table}->{world.Name(session)}"));
        }),
        Transact t => UnitAff.EffectMaybe(async env =>
        {
            var k = transactions++;
            var (first, second) = (world.Name(env.Resolve(World.Tables[t.First])), world.Name(env.Resolve(World.Tables[t.Second])));
            var result = await world.Transact(t.First, t.Second, TransactionId(k)).Run(env);
            return result.Match(
                _ => FinSucc(Record($"t{k}:T{t.First}+T{t.Second}->{TransactionTrace.Sessions(first, second, sameReach: true)}")),
                e => e.ToException() is TransactionSessionException ? FinSucc(Record($"t{k}:T{t.First}+T{t.Second}->refused")) : FinFail<Unit>(e));
        }),
        Reset r => resetConnection(World.Tables[r.Table]),
        Cancel => UnitAff.Effect(async env =>
        {
            await env.CancellationTokenSource.CancelAsync();
            await Task.Delay(System.Threading.Timeout.Infinite, env.CancellationToken);
            return unit;
        }),
        Fail => UnitAff.EffectMaybe(_ =>
        {
            var id = $"F{fails++}";
            var failure = raised[id] = new ProgramFailure(id);
            return ValueTask.FromResult(FinFail<Unit>(Error.New(failure)));
        }),
        Pause => UnitAff.Effect(async _ =>
        {
            await Task.Delay(System.Random.Shared.Next(0, 3));
            return unit;
        }),
        Catch c => UnitAff.EffectMaybe(async env =>
        {
            var result = await Compile(c.Body).Run(env);
            return result.Match(
                _ => FinSucc(unit),
                e => e.ToException() is ProgramFailure pf ? FinSucc(Record($"caught {pf.Id}")) : FinFail<Unit>(e));
        }),
        Use u => useSession(World.Tables[u.Table], u.Session is { } s ? world.Sessions[s] : null, Compile(u.Body), u.Restore),
        _ => throw new System.ArgumentOutOfRangeException(nameof(step), step, "unknown step"),
    };

    private Unit Record(string entry)
    {
        trace.Add(entry);
        return unit;
    }

    /// <summary>The failure id, but only if it is the very exception the failing step raised (unchanged on its way out).</summary>
    private string Describe(Error error) =>
        error.ToException() is System.OperationCanceledException || error.Is(Errors.Cancelled) ? "cancelled"
        : error.ToException() is ProgramFailure pf
            ? raised.TryGetValue(pf.Id, out var original) && ReferenceEquals(original, pf) ? pf.Id : $"changed {pf.Id}"
            : $"unexpected {error}";
}

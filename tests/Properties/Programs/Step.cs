using System.Collections.Immutable;
using System.Linq;

namespace SessionEffects.Properties.Programs;

/// <summary>
/// One step of a generated session program. Tables and sessions are indices into a <see cref="World"/>; a session
/// index of <see langword="null"/> is the "none" session. Rendered compactly so shrunk counterexamples read well.
/// </summary>
public abstract record Step
{
    /// <summary>How many Use/Catch levels this step nests.</summary>
    public abstract int Depth { get; }

    /// <summary>Steps rendered one after another.</summary>
    public static string Render(ImmutableList<Step> steps) => string.Join("; ", steps.Select(s => s.ToString()));
}

/// <summary><c>useSession(T, S, body, restoreOnExit)</c>; <see cref="Session"/> null is "none".</summary>
public sealed record Use(int Table, int? Session, bool Restore, ImmutableList<Step> Body) : Step
{
    public override int Depth => 1 + (Body.IsEmpty ? 0 : Body.Max(s => s.Depth));

    public override string ToString() =>
        $"use(T{Table}, {(Session is { } s ? $"S{s}" : "none")}, {(Restore ? "restore" : "keep")}) {{ {Render(Body)} }}";
}

/// <summary><c>resetConnection(T)</c>.</summary>
public sealed record Reset(int Table) : Step
{
    public override int Depth => 0;

    public override string ToString() => $"reset(T{Table})";
}

/// <summary>Record which session T resolves to now.</summary>
public sealed record Observe(int Table) : Step
{
    public override int Depth => 0;

    public override string ToString() => $"observe(T{Table})";
}

/// <summary>Write an item to T (through whatever session T resolves to now).</summary>
public sealed record Write(int Table) : Step
{
    public override int Depth => 0;

    public override string ToString() => $"write(T{Table})";
}

/// <summary>
/// A write transaction putting one item into each of two tables (possibly the same one): it commits when both resolve
/// to the same session, and is refused, writing nothing, when they do not.
/// </summary>
public sealed record Transact(int First, int Second) : Step
{
    public override int Depth => 0;

    public override string ToString() => $"transact(T{First}, T{Second})";
}

/// <summary>An operation that fails.</summary>
public sealed record Fail : Step
{
    public override int Depth => 0;

    public override string ToString() => "fail";
}

/// <summary>Cancel the environment's token and wait on it: the run ends as cancelled.</summary>
public sealed record Cancel : Step
{
    public override int Depth => 0;

    public override string ToString() => "cancel";
}

/// <summary>Run the body; a failure from a <see cref="Fail"/> inside is caught and recorded.</summary>
public sealed record Catch(ImmutableList<Step> Body) : Step
{
    public override int Depth => 1 + (Body.IsEmpty ? 0 : Body.Max(s => s.Depth));

    public override string ToString() => $"catch {{ {Render(Body)} }}";
}

/// <summary>Yield for a moment, so concurrent branches interleave.</summary>
public sealed record Pause : Step
{
    public override int Depth => 0;

    public override string ToString() => "pause";
}

/// <summary>A generated program with the size of the world it runs in.</summary>
public sealed record ProgramCase(int Tables, int Sessions, ImmutableList<Step> Steps)
{
    public override string ToString() => $"[{Tables} table(s), {Sessions} session(s)] {Step.Render(Steps)}";
}

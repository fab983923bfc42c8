using System.Collections.Immutable;
using System.Linq;

namespace SessionEffects.Properties.Programs;

/// <summary>
/// What a program did: the trace of observations, writes and caught failures (session names such as <c>S1</c> or
/// <c>D</c> for the default), the failure that reached the caller (if any), and each table's final binding.
/// </summary>
public sealed record Outcome(ImmutableList<string> Trace, string? Failure, ImmutableList<string> Final)
{
    public bool Equals(Outcome? other) =>
        other is not null && Trace.SequenceEqual(other.Trace) && Failure == other.Failure && Final.SequenceEqual(other.Final);

    public override int GetHashCode() => Trace.Count;

    public override string ToString() =>
        $"trace=[{string.Join(", ", Trace)}] failure={Failure ?? "none"} final=[{string.Join(", ", Final)}]";
}

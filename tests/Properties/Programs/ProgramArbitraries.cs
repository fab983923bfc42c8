using FsCheck;
using FsCheck.Fluent;

namespace SessionEffects.Properties.Programs;

/// <summary>The arbitraries FsCheck.Xunit picks up through <c>[Property(Arbitrary = …)]</c>.</summary>
public static class ProgramArbitraries
{
    public static Arbitrary<ProgramCase> ProgramCase() => ProgramGen.Programs();
}

/// <summary>Programs in which the model predicts at least one write: for the routing property, where writes are the point.</summary>
public static class WritingProgramArbitraries
{
    public static Arbitrary<ProgramCase> ProgramCase() =>
        Arb.Filter(ProgramGen.Programs(), p => ReferenceModel.Run(p).Trace.Exists(e => e.StartsWith('w')));
}

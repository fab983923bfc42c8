using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SessionEffects;

/// <summary>
/// Whether the compiled item mapping may be used. It builds its codecs with reflection and generic instantiation at
/// run time, which a trimmed or natively compiled application cannot promise; there every class takes the SDK's path
/// (kept whole by the <c>DynamicallyAccessedMembers</c> annotations on item types), which maps the same items. The
/// package's build targets turn the switch off for <c>PublishTrimmed</c> and <c>PublishAot</c>, and the trimmer then
/// removes the compiled mapping altogether.
/// </summary>
internal static class CompiledMappingFeature
{
    /// <summary>The runtime switch's name (an <c>AppContext</c> switch / <c>RuntimeHostConfigurationOption</c>).</summary>
    public const string SwitchName = "SessionEffects.CompiledItemMapping.IsSupported";

    /// <summary>Why the compiled mapping's classes require unreferenced code (their <c>RequiresUnreferencedCode</c> message).</summary>
    public const string Unreferenced = "The compiled item mapping reflects over item classes at run time; trimmed applications use the SDK path (CompiledMappingFeature).";

    /// <summary>Why they require dynamic code (their <c>RequiresDynamicCode</c> message).</summary>
    public const string Dynamic = "The compiled item mapping makes generic instantiations at run time; native AOT applications use the SDK path (CompiledMappingFeature).";

    /// <summary>True unless switched off, or where code cannot be generated at run time.</summary>
    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsSupported =>
        (!AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled) && RuntimeFeature.IsDynamicCodeSupported;
}

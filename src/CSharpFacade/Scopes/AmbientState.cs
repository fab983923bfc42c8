namespace SessionEffects.CSharp;

/// <summary>
/// What the current async flow sees: which binding root (the process-wide one unless an environment was entered) and
/// which restore scopes. Immutable; a scope or environment sets a new value in the flow's <c>AsyncLocal</c>, so it is
/// visible to the code after it in the same method, to what that code awaits and to tasks it starts — and to nothing else.
/// </summary>
internal sealed class AmbientState(BindingRoot? root, ScopeFrame? frames)
{
    /// <summary>The root entered with <see cref="Sessions.UseEnvironment"/>, or null for the process-wide root.</summary>
    public BindingRoot? Root { get; } = root;

    /// <summary>The restore scopes visible here, innermost first.</summary>
    public ScopeFrame? Frames { get; } = frames;
}

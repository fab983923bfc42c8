namespace SessionEffects;

/// <summary>
/// Where the session a table resolved to came from, as traces report it (<c>sessioneffects.binding</c>). Looked up only
/// while someone listens to traces.
/// </summary>
internal enum BindingOrigin : byte
{
    /// <summary>A restore scope binds the table (a keep inside the scope assigns to the scope's binding too).</summary>
    RestoreScope,

    /// <summary>A top-level keep bound the table at the root.</summary>
    Keep,

    /// <summary>Nothing binds the table (or a reset unbound it): the environment's default session.</summary>
    Default,

    /// <summary>The operation was given the session itself (a copy's target), not a table's binding.</summary>
    Explicit,
}

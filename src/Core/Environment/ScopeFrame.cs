namespace SessionEffects;

/// <summary>
/// An immutable stack of restore scopes, innermost first. Each frame is the binding cell of one table (one object per
/// switch); a new scope is a new frame on top, so concurrent branches that each open a scope never share a frame.
/// Only the cell's session is mutable: keep and reset inside the scope assign to it.
/// </summary>
internal sealed class ScopeFrame : BindingCell
{
    public ScopeFrame(DynamoTable table, AwsSession? session, ScopeFrame? parent, BindingOrigin origin = BindingOrigin.RestoreScope)
        : base(session)
    {
        Table = table;
        Parent = parent;
        Depth = parent is null ? 1 : parent.Depth + 1;
        Origin = origin;
    }

    public DynamoTable Table { get; }

    public ScopeFrame? Parent { get; }

    public int Depth { get; }

    /// <summary>
    /// What traces report for a session this frame binds: a scope, or — for a facade stream that pins the session it
    /// resolved when it was created — where that session came from then. Fits in the frame's padding (still 48 bytes).
    /// </summary>
    public BindingOrigin Origin { get; }

    /// <summary>The innermost cell for <paramref name="table"/> in this stack, if any.</summary>
    public static BindingCell? Find(ScopeFrame? frames, DynamoTable table)
    {
        for (var f = frames; f is not null; f = f.Parent)
        {
            if (ReferenceEquals(f.Table, table))
            {
                return f;
            }
        }

        return null;
    }
}

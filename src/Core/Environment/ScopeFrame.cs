namespace SessionEffects;

/// <summary>
/// An immutable stack of restore scopes, innermost first. Each frame is the binding cell of one table (one object per
/// switch); a new scope is a new frame on top, so concurrent branches that each open a scope never share a frame.
/// Only the cell's session is mutable: keep and reset inside the scope assign to it.
/// </summary>
internal sealed class ScopeFrame : BindingCell
{
    public ScopeFrame(Table table, AwsSession? session, ScopeFrame? parent)
        : base(session)
    {
        Table = table;
        Parent = parent;
        Depth = parent is null ? 1 : parent.Depth + 1;
    }

    public Table Table { get; }

    public ScopeFrame? Parent { get; }

    public int Depth { get; }

    /// <summary>The innermost cell for <paramref name="table"/> in this stack, if any.</summary>
    public static BindingCell? Find(ScopeFrame? frames, Table table)
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

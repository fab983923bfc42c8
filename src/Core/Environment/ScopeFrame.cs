namespace SessionEffects;

/// <summary>
/// An immutable stack of restore scopes, innermost first. Each frame binds one table to its own cell; a new scope is
/// a new frame on top, so concurrent branches that each open a scope never share a frame.
/// </summary>
internal sealed class ScopeFrame
{
    public ScopeFrame(Table table, AwsSession? session, ScopeFrame? parent)
    {
        Table = table;
        Cell = new BindingCell(session);
        Parent = parent;
        Depth = parent is null ? 1 : parent.Depth + 1;
    }

    public Table Table { get; }

    public BindingCell Cell { get; }

    public ScopeFrame? Parent { get; }

    public int Depth { get; }

    /// <summary>The innermost cell for <paramref name="table"/> in this stack, if any.</summary>
    public static BindingCell? Find(ScopeFrame? frames, Table table)
    {
        for (var f = frames; f is not null; f = f.Parent)
        {
            if (ReferenceEquals(f.Table, table))
            {
                return f.Cell;
            }
        }

        return null;
    }
}

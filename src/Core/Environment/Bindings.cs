namespace SessionEffects;

/// <summary>
/// The two binding rules (modelled in tests/Properties/Programs/ReferenceModel.cs), in one place for the core's environment and the facade's ambient flow state:
/// resolve = innermost visible scope of the table, else the root, else the default session; assign = write to that
/// same nearest binding.
/// </summary>
internal static class Bindings
{
    public static AwsSession Resolve(BindingRoot root, ScopeFrame? frames, DynamoTable table) => Resolve(root, frames, table, out _);

    /// <summary><see cref="Resolve(BindingRoot, ScopeFrame?, DynamoTable)"/>, also saying where the session came from (for traces).</summary>
    public static AwsSession Resolve(BindingRoot root, ScopeFrame? frames, DynamoTable table, out BindingOrigin origin)
    {
        if (ScopeFrame.Find(frames, table) is ScopeFrame frame)
        {
            origin = frame.Session is null ? BindingOrigin.Default : frame.Origin;
            return frame.Session ?? root.DefaultSession;
        }

        var kept = root.Peek(table);
        origin = kept is null ? BindingOrigin.Default : BindingOrigin.Keep;
        return kept ?? root.DefaultSession;
    }

    public static void Assign(BindingRoot root, ScopeFrame? frames, DynamoTable table, AwsSession? session) =>
        (ScopeFrame.Find(frames, table) ?? root.Cell(table)).Session = session;
}

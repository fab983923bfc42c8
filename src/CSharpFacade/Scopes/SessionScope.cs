using System;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>
/// A session switch opened by <see cref="Sessions.UseSession"/> (or an environment opened by
/// <see cref="Sessions.UseEnvironment"/>). In restore mode, disposing it brings the table's previous binding back; in
/// keep mode and for a null session, disposing does nothing. Dispose it in the same method that opened it (a
/// <c>using</c> statement does). Disposing twice is harmless.
/// </summary>
/// <remarks>
/// While open, the scope itself is what the current async flow sees (held in an <c>AsyncLocal</c>): the root (the
/// process-wide one unless an environment was entered) and the stack of restore scopes. So it is visible to the code
/// after it in the same method, to what that code awaits and to tasks it starts — and to nothing else. One object per
/// switch besides the frame; the runtime adds its own two for the <c>AsyncLocal</c> write.
/// </remarks>
public sealed class SessionScope : IDisposable, IAsyncDisposable
{
    private readonly SessionScope? previous;
    private SessionLease lease;
    private bool disposed;

    private SessionScope(BindingRoot? root, ScopeFrame? frames, SessionScope? previous)
    {
        Root = root;
        Frames = frames;
        this.previous = previous;
    }

    /// <summary>Whether this scope still binds its table (restore mode, not yet disposed).</summary>
    public bool IsActive => !disposed;

    /// <summary>A scope whose disposal changes nothing (keep mode, or a null session).</summary>
    internal static SessionScope Inert { get; } = new(null, null, null) { disposed = true };

    /// <summary>The root entered with <see cref="Sessions.UseEnvironment"/>, or null for the process-wide root.</summary>
    internal BindingRoot? Root { get; }

    /// <summary>The restore scopes visible here, innermost first.</summary>
    internal ScopeFrame? Frames { get; }

    /// <summary>Pushes a new binding frame for the current flow and returns the scope that pops it; the session is leased until then.</summary>
    /// <exception cref="ObjectDisposedException">The session was evicted from its pool and disposed.</exception>
    internal static SessionScope Enter(DynamoTable table, AwsSession session) => Enter(table, session.Lease());

    /// <summary>
    /// Pushes a new binding frame for the leased session and returns the scope that pops it. The scope holds the lease
    /// for its whole life, so a pool that evicts the session meanwhile disposes it only after the scope has closed.
    /// </summary>
    internal static SessionScope Enter(DynamoTable table, SessionLease lease)
    {
        var previous = Sessions.Current;
        Log.SessionSwitched(Log.Scopes, table.Name, lease.Session!, "restore");
        return Open(new SessionScope(previous?.Root, new ScopeFrame(table, lease.Session, previous?.Frames), previous) { lease = lease });
    }

    /// <summary>Pushes a whole environment (root, no scopes) and returns the scope that pops it.</summary>
    internal static SessionScope EnterEnvironment(BindingRoot root) => Open(new SessionScope(root, null, Sessions.Current));

    /// <summary>The state a core environment's bindings correspond to, for facade code run inside an effect.</summary>
    internal static SessionScope Mirror(SessionEnv env) => new(env.Root, env.Frames, null) { disposed = true };

    /// <summary>
    /// Restores the binding from before the scope. Scopes must close innermost first.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A scope opened inside this one is still open (both are closed, and the bindings are those from before this
    /// scope), or this scope is not visible in the current async flow (nothing is changed).
    /// </exception>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;

        // Given back whatever happens below: the scope is over even when it was closed out of order.
        lease.Dispose();
        lease = default;
        var current = Sessions.Current;
        if (ReferenceEquals(current, this))
        {
            Sessions.Current = previous;
            return;
        }

        if (IsInside(current))
        {
            // Close the forgotten inner scopes too: the flow must not keep bindings whose owner has gone.
            Sessions.Current = previous;
            throw new InvalidOperationException(
                "A session scope was disposed while a scope opened inside it was still open. Dispose scopes innermost first " +
                "(nested using statements do); the inner scopes were closed too and the bindings are those from before the outer scope.");
        }

        throw new InvalidOperationException(
            "A session scope was disposed where it is not visible: in another async flow than the one that opened it, or after the " +
            "method that opened it returned. Open and dispose a scope in the same method (a using statement does). Nothing was changed.");
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static SessionScope Open(SessionScope scope)
    {
        Sessions.Current = scope;
        return scope;
    }

    /// <summary>Whether <paramref name="current"/> was opened inside this scope (and is still open).</summary>
    private bool IsInside(SessionScope? current)
    {
        for (var s = current; s is not null; s = s.previous)
        {
            if (ReferenceEquals(s, this))
            {
                return true;
            }
        }

        return false;
    }
}

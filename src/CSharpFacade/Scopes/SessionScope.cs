using System;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>
/// A session switch opened by <see cref="Sessions.UseSession"/>. In restore mode, disposing it brings the table's
/// previous binding back; in keep mode and for a null session, disposing does nothing. Dispose it in the same method
/// that opened it (a <c>using</c> statement does). Disposing twice is harmless.
/// </summary>
public sealed class SessionScope : IDisposable, IAsyncDisposable
{
    private readonly AmbientState? opened;
    private readonly AmbientState? previous;
    private bool disposed;

    private SessionScope(AmbientState? opened, AmbientState? previous)
    {
        this.opened = opened;
        this.previous = previous;
    }

    /// <summary>A scope whose disposal changes nothing (keep mode, or a null session).</summary>
    internal static SessionScope Inert { get; } = new(null, null) { disposed = true };

    /// <summary>Whether this scope still binds its table (restore mode, not yet disposed).</summary>
    public bool IsActive => !disposed;

    /// <summary>Pushes a new binding frame for the current flow and returns the scope that pops it.</summary>
    internal static SessionScope Enter(Table table, AwsSession session)
    {
        var previous = Sessions.Current;
        var opened = new AmbientState(previous?.Root, new ScopeFrame(table, session, previous?.Frames));
        Sessions.Current = opened;
        return new SessionScope(opened, previous);
    }

    /// <summary>Pushes a whole environment (root, no scopes) and returns the scope that pops it.</summary>
    internal static SessionScope EnterEnvironment(BindingRoot root)
    {
        var previous = Sessions.Current;
        var opened = new AmbientState(root, null);
        Sessions.Current = opened;
        return new SessionScope(opened, previous);
    }

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
        var current = Sessions.Current;
        if (ReferenceEquals(current, opened))
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

    private bool IsInside(AmbientState? current)
    {
        // An inner scope's state has this scope's frame below its own, with the same root.
        if (current is null || opened is null || !ReferenceEquals(current.Root, opened.Root))
        {
            return false;
        }

        if (opened.Frames is null)
        {
            // An environment scope: everything opened under it with its root is inside it.
            return true;
        }

        for (var f = current.Frames; f is not null; f = f.Parent)
        {
            if (ReferenceEquals(f, opened.Frames))
            {
                return true;
            }
        }

        return false;
    }
}

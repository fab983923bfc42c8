using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;

namespace SessionEffects.CSharp;

/// <summary>
/// Session switching for C#: the Python original's <c>use_boto_session</c> and <c>reset_connection</c> as
/// <see cref="UseSession"/> and <see cref="ResetConnection"/>, plus the bridge to the functional core.
/// </summary>
/// <remarks>
/// <para>Bindings follow SPEC.md's rules, kept per async flow with <c>AsyncLocal</c>: a restore scope is visible to the
/// code inside its <c>using</c> block, to what that code awaits and to tasks it starts, and to nothing else. Keep and
/// reset assign to the nearest visible binding of the table, or to the root.</para>
/// <para>The root is the one process-wide piece of state in the library (the counterpart of the Python model's class
/// attribute): <see cref="Configure(AwsSession)"/> sets its default session. <see cref="UseEnvironment"/> gives a flow its own root
/// instead (a tenant, a test).</para>
/// </remarks>
public static partial class Sessions
{
    private static readonly AsyncLocal<SessionScope?> Ambient = new();
    private static BindingRoot? processRoot;

    /// <summary>The process-wide root; until <see cref="Configure(AwsSession)"/> is called, the SDK's default chain is the default session.</summary>
    public static BindingRoot ProcessRoot
    {
        get
        {
            var root = Volatile.Read(ref processRoot);
            if (root is not null)
            {
                return root;
            }

            Interlocked.CompareExchange(ref processRoot, BindingRoot.New(AwsSession.FromDefaultChain()), null);
            return processRoot!;
        }
    }

    /// <summary>The session that tables not bound to another one use in the current flow.</summary>
    public static AwsSession DefaultSession => Visible().Root.DefaultSession;

    internal static SessionScope? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>
    /// Sets the process-wide default session (call once at start-up). Top-level bindings made before are dropped.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="defaultSession"/> is null.</exception>
    public static void Configure(AwsSession defaultSession)
    {
        ArgumentNullException.ThrowIfNull(defaultSession);
        Volatile.Write(ref processRoot, BindingRoot.New(defaultSession));
    }

    /// <summary>
    /// Makes <paramref name="root"/> the process-wide root: its default session and its top-level bindings become the
    /// facade's. A dependency-injection container calls this with its own root, so the facade and the container share
    /// one default and one set of bindings instead of two that drift apart.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    public static void Configure(BindingRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Volatile.Write(ref processRoot, root);
    }

    /// <summary>
    /// Binds <paramref name="table"/> to <paramref name="session"/>. With <paramref name="restoreOnExit"/> (the default)
    /// the binding is visible to the code inside the <c>using</c> block only, and disposing the scope brings the previous
    /// binding back — after success, exceptions or cancellation. Without it the binding is assigned now and stays.
    /// A <see langword="null"/> session changes nothing, so callers can switch conditionally without if/else.
    /// </summary>
    /// <param name="table">The table to switch.</param>
    /// <param name="session">The session to use, or <see langword="null"/> for no effect.</param>
    /// <param name="restoreOnExit">Restore the previous binding when the scope is disposed, or keep the change.</param>
    /// <returns>The scope; dispose it (a <c>using</c> statement does) in the method that opened it.</returns>
    /// <remarks>
    /// A restore scope leases its session until it is disposed, so a pooled session
    /// (<c>Sessions.UseSession(table, pool.Get(tenant))</c>) is never disposed by its pool while the scope is open.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The session was evicted from its pool and disposed before this scope could lease it.</exception>
    public static SessionScope UseSession(DynamoTable table, AwsSession? session, bool restoreOnExit = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (session is null)
        {
            return SessionScope.Inert;
        }

        if (restoreOnExit)
        {
            return SessionScope.Enter(table, session);
        }

        var (root, frames) = Visible();
        Bindings.Assign(root, frames, table, session);
        Log.SessionSwitched(Log.Scopes, table.Name, session, "keep");
        return SessionScope.Inert;
    }

    /// <summary>Binds <paramref name="table"/> back to the default session (in the nearest visible binding).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static void ResetConnection(DynamoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (root, frames) = Visible();
        Bindings.Assign(root, frames, table, null);
        Log.ConnectionReset(Log.Scopes, table.Name);
    }

    /// <summary>The session <paramref name="table"/> resolves to here and now.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static AwsSession CurrentSession(DynamoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (root, frames) = Visible();
        return Bindings.Resolve(root, frames, table);
    }

    /// <summary>
    /// Gives the current flow its own root (default session and top-level bindings) until the scope is disposed: a
    /// tenant's requests, a test. Keep and reset at the top level then assign to this root, not the process-wide one.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    public static SessionScope UseEnvironment(BindingRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return SessionScope.EnterEnvironment(root);
    }

    /// <summary>
    /// Runs a core effect with the bindings visible here (root and open scopes) and returns its result; a failure is
    /// thrown as the exception it carries (the SDK's own types for AWS errors).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="effect"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<T> RunAsync<T>(Aff<SessionEnv, T> effect, CancellationToken cancellationToken = default) =>
        RunIn(effect, static (e, env) => e.Run(env), Result<T>.AsIs, cancellationToken);

    /// <summary>
    /// A core operation of one request (get, save, delete, update), run the way its effect runs but without
    /// LanguageExt's <c>Run</c> around it: one async layer fewer on the facade's hottest calls.
    /// </summary>
    internal static Task<T> RunRequestAsync<Q, S, R, T>(SingleRequest<Q, S, R> request, Func<R, T> map, CancellationToken cancellationToken) =>
        RunIn(request, static (r, env) => r.Run(env), map, cancellationToken);

    /// <summary>
    /// Runs <paramref name="run"/> in the environment the current flow sees, with a token linked to
    /// <paramref name="cancellationToken"/> that lives exactly as long as the run; a failure is thrown as its exception.
    /// </summary>
    private static async Task<R> RunIn<TState, T, R>(TState state, Func<TState, SessionEnv, ValueTask<Fin<T>>> run, Func<T, R> map, CancellationToken cancellationToken)
    {
        var env = Environment(cancellationToken);
        try
        {
            var result = await run(state, env).ConfigureAwait(false);
            return map(result.Match(static value => value, static error => Throw<T>(error)));
        }
        finally
        {
            env.CancellationTokenSource.Dispose();
        }
    }

    /// <summary>
    /// The other direction of the bridge: C# code (which may open scopes and call the async table operations) as a core
    /// effect. Inside <paramref name="body"/> the facade sees the effect's bindings and cancellation token.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static Aff<SessionEnv, T> ToEffect<T>(Func<CancellationToken, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Aff<SessionEnv, T>.Effect(async env =>
        {
            // Set inside this async lambda, the flow state is undone for the caller when the lambda completes.
            Current = SessionScope.Mirror(env);
            return await body(env.CancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>The core environment that the current flow sees: its root and its open scopes.</summary>
    internal static SessionEnv Environment(CancellationToken cancellationToken = default)
    {
        var (root, frames) = Visible();
        return SessionEnv.New(root, cancellationToken).WithFrames(frames);
    }

    /// <summary>The root and the restore scopes the current flow sees.</summary>
    internal static (BindingRoot Root, ScopeFrame? Frames) Visible()
    {
        var state = Current;
        return (state?.Root ?? ProcessRoot, state?.Frames);
    }

    private static T Throw<T>(LanguageExt.Common.Error error)
    {
        ExceptionDispatchInfo.Capture(error.ToException()).Throw();
        return default!;
    }

    /// <summary>The result as it is, one cached delegate per type.</summary>
    internal static class Result<T>
    {
        public static readonly Func<T, T> AsIs = static value => value;
    }
}

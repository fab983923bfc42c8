using System;
using System.Diagnostics.Contracts;
using LanguageExt;
using static LanguageExt.Prelude;

namespace SessionEffects;

/// <summary>
/// Session switching as effects: the counterparts of the Python original's <c>use_boto_session</c> and
/// <c>reset_connection</c>, with the semantics of <c>SPEC.md</c>. Open it with <c>using static SessionEffects.Scope;</c>.
/// </summary>
/// <remarks>
/// A table's binding behaves like a dynamically scoped variable. A restore scope creates a new binding visible only to
/// its body and to the work the body starts; <c>keep</c> and <c>reset</c> assign to the nearest visible binding of that
/// table (the innermost enclosing scope's, else the environment root's). Nothing here is global.
/// </remarks>
public static class Scope
{
    /// <summary>
    /// Runs <paramref name="body"/> with <paramref name="table"/> bound to <paramref name="session"/>.
    /// With <paramref name="restoreOnExit"/> (the default) the table is bound exactly as before afterwards — after
    /// success, failure or cancellation — and the binding is visible only to the body. Without it the binding is
    /// assigned first and stays (also after a failure). A <see langword="null"/> session changes nothing.
    /// </summary>
    /// <param name="table">The table to switch.</param>
    /// <param name="session">The session to use, or <see langword="null"/> for no effect (switch conditionally without if/else).</param>
    /// <param name="body">The effect to run.</param>
    /// <param name="restoreOnExit">Restore the binding afterwards (<see langword="true"/>) or keep the change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, A> useSession<A>(DynamoTable table, AwsSession? session, Aff<SessionEnv, A> body, bool restoreOnExit = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        // Restore mode is LanguageExt's localAff: the body runs in a new environment value with one more frame. localAff
        // hands that environment to the body's own step; running the body with Run instead would add an async layer (its
        // own try/catch) to every request made inside a switch, which costs more than the switch itself.
        return session is null ? body
            : restoreOnExit ? localAff<SessionEnv, SessionEnv, A>(
                env =>
                {
                    Log.SessionSwitched(Log.Scopes, table.Name, session, "restore");
                    return env.Push(table, session);
                },
                body)
            : assign(table, session).Bind(_ => body);
    }

    /// <summary>
    /// Runs <paramref name="body"/> with <paramref name="table"/> bound to a session resolved earlier, in a restore
    /// scope that traces report with that session's original <paramref name="origin"/> (the facade's lazy streams).
    /// </summary>
    internal static Aff<SessionEnv, A> pinned<A>(DynamoTable table, AwsSession session, BindingOrigin origin, Aff<SessionEnv, A> body) =>
        localAff<SessionEnv, SessionEnv, A>(env => env.Push(table, session, origin), body);

    /// <summary>Binds <paramref name="table"/> back to the default session (in the nearest visible binding).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, Unit> resetConnection(DynamoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return assign(table, null);
    }

    /// <summary>The session <paramref name="table"/> resolves to at the moment the effect runs.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, AwsSession> currentSession(DynamoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Eff<SessionEnv, AwsSession>(env => env.Resolve(table)).ToAff();
    }

    /// <summary>
    /// The physical name <paramref name="table"/> has at the moment the effect runs: its name as the session it resolves
    /// to names it (<see cref="AwsSession.TableNames"/>). What every operation on the table addresses then.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    [Pure]
    public static Aff<SessionEnv, string> currentTableName(DynamoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Eff<SessionEnv, string>(env => env.TableName(table)).ToAff();
    }

    /// <summary>The environment's default session.</summary>
    [Pure]
    public static Aff<SessionEnv, AwsSession> defaultSession() =>
        Eff<SessionEnv, AwsSession>(env => env.DefaultSession).ToAff();

    private static Aff<SessionEnv, Unit> assign(DynamoTable table, AwsSession? session) =>
        Eff<SessionEnv, Unit>(env =>
        {
            env.Assign(table, session);
            if (session is null)
            {
                Log.ConnectionReset(Log.Scopes, table.Name);
            }
            else
            {
                Log.SessionSwitched(Log.Scopes, table.Name, session, "keep");
            }

            return unit;
        }).ToAff();
}

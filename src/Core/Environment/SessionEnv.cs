using System;
using System.Threading;
using LanguageExt.Effects.Traits;

namespace SessionEffects;

/// <summary>
/// The LanguageExt runtime every SessionEffects effect runs in: the binding root (default session and top-level
/// bindings), the stack of restore scopes visible here, and the cancellation token.
/// </summary>
/// <remarks>
/// A value type whose fields never change: a restore scope runs its body in a <em>new</em> environment value with one
/// more frame (what LanguageExt's <c>localAff</c> does), so parallel branches that each open a scope never see each other's.
/// <c>default(SessionEnv)</c> is not an environment: using it throws <see cref="InvalidOperationException"/>.
/// </remarks>
public readonly struct SessionEnv : HasCancel<SessionEnv>
{
    private readonly BindingRoot? root;
    private readonly ScopeFrame? frames;
    private readonly CancellationTokenSource? source;

    private SessionEnv(BindingRoot root, ScopeFrame? frames, CancellationTokenSource source)
    {
        this.root = root;
        this.frames = frames;
        this.source = source;
    }

    /// <summary>A new environment with its own root, where every table starts on <paramref name="defaultSession"/>.</summary>
    /// <param name="defaultSession">The session unbound tables use.</param>
    /// <param name="cancellationToken">Cancels every effect run in this environment.</param>
    /// <exception cref="ArgumentNullException"><paramref name="defaultSession"/> is null.</exception>
    public static SessionEnv New(AwsSession defaultSession, CancellationToken cancellationToken = default) =>
        New(BindingRoot.New(defaultSession), cancellationToken);

    /// <summary>A new environment over an existing (shared) root.</summary>
    /// <param name="root">The default session and top-level bindings to share.</param>
    /// <param name="cancellationToken">Cancels every effect run in this environment.</param>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    public static SessionEnv New(BindingRoot root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new SessionEnv(root, null, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
    }

    /// <summary>The binding root this environment shares.</summary>
    public BindingRoot Root => root ?? throw Uninitialised();

    /// <summary>The session unbound tables use.</summary>
    public AwsSession DefaultSession => Root.DefaultSession;

    /// <summary>How many restore scopes enclose the code running in this environment.</summary>
    public int ScopeDepth => root is null ? throw Uninitialised() : frames?.Depth ?? 0;

    /// <inheritdoc/>
    public SessionEnv LocalCancel =>
        new(Root, frames, CancellationTokenSource.CreateLinkedTokenSource(CancellationToken));

    /// <inheritdoc/>
    public CancellationToken CancellationToken => (source ?? throw Uninitialised()).Token;

    /// <inheritdoc/>
    public CancellationTokenSource CancellationTokenSource => source ?? throw Uninitialised();

    internal ScopeFrame? Frames => root is null ? throw Uninitialised() : frames;

    /// <summary>The session <paramref name="table"/> resolves to here and now.</summary>
    public AwsSession Resolve(DynamoTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Bindings.Resolve(Root, Frames, table);
    }

    /// <summary>
    /// The physical name <paramref name="table"/> has here and now: its name as the session it resolves to names it
    /// (<see cref="AwsSession.TableNames"/>).
    /// </summary>
    /// <exception cref="SessionConfigurationException">That session's naming makes an illegal name of the table's.</exception>
    public string TableName(DynamoTable table) => PhysicalTable.In(Resolve(table), table).Name;

    /// <summary><see cref="Resolve(DynamoTable)"/>, also saying where the session came from (for traces).</summary>
    internal AwsSession Resolve(DynamoTable table, out BindingOrigin origin) => Bindings.Resolve(Root, Frames, table, out origin);

    /// <summary>This environment with a new restore scope binding <paramref name="table"/> to <paramref name="session"/>.</summary>
    internal SessionEnv Push(DynamoTable table, AwsSession? session, BindingOrigin origin = BindingOrigin.RestoreScope) =>
        new(Root, new ScopeFrame(table, session, frames, origin), CancellationTokenSource);

    /// <summary>This environment seen from inside an existing stack of scopes (the facade's ambient scopes).</summary>
    internal SessionEnv WithFrames(ScopeFrame? scopeFrames) => new(Root, scopeFrames, CancellationTokenSource);

    /// <summary>Assigns to the nearest visible binding of <paramref name="table"/>: the innermost scope's, else the root's.</summary>
    internal void Assign(DynamoTable table, AwsSession? session) => Bindings.Assign(Root, Frames, table, session);

    private static InvalidOperationException Uninitialised() =>
        new("default(SessionEnv) is not an environment: create one with SessionEnv.New(defaultSession) or SessionEnv.New(root).");
}

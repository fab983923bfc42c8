using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace SessionEffects;

/// <summary>
/// The outermost bindings of an environment: its default session and, per table, the binding that top-level
/// <c>keep</c> and <c>reset</c> assign to. Shared by every <see cref="SessionEnv"/> made from it, across threads;
/// the C# facade keeps one process-wide root as its ambient environment.
/// </summary>
public sealed class BindingRoot
{
    private readonly ConcurrentDictionary<DynamoTable, BindingCell> cells = new();

    private BindingRoot(AwsSession defaultSession) => DefaultSession = defaultSession;

    /// <summary>The session used by tables that are not bound to another one.</summary>
    public AwsSession DefaultSession { get; }

    /// <summary>A root where every table starts on <paramref name="defaultSession"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="defaultSession"/> is null.</exception>
    public static BindingRoot New(AwsSession defaultSession)
    {
        ArgumentNullException.ThrowIfNull(defaultSession);
        return new BindingRoot(defaultSession);
    }

    /// <summary>The root-level bindings that name a session other than the default (a diagnostic snapshot).</summary>
    public IReadOnlyDictionary<DynamoTable, AwsSession> Snapshot() =>
        cells.Where(kv => kv.Value.Session is not null).ToDictionary(kv => kv.Key, kv => kv.Value.Session!);

    internal BindingCell Cell(DynamoTable table) => cells.GetOrAdd(table, static _ => new BindingCell(null));

    internal AwsSession? Peek(DynamoTable table) => cells.TryGetValue(table, out var cell) ? cell.Session : null;
}

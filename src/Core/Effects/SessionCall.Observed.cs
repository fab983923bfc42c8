using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using LanguageExt;
using LanguageExt.Common;

namespace SessionEffects;

/// <content>
/// Requests while someone listens: each one an activity of the <c>SessionEffects</c> source (with the binding that chose
/// its session) and a measurement of the <c>SessionEffects</c> meter.
/// </content>
internal static partial class SessionCall
{
    /// <summary>
    /// The session the current operation resolved its table to, and where it came from — remembered only while someone
    /// listens to traces, so the activity can say whether a scope, a keep or the default bound it.
    /// </summary>
    private static readonly AsyncLocal<ResolvedBinding?> Resolved = new();

    /// <summary>
    /// The session <paramref name="table"/> resolves to in <paramref name="env"/>; while someone listens to traces, also
    /// remembered with its origin for the requests this operation sends.
    /// </summary>
    public static AwsSession Resolve(SessionEnv env, DynamoTable table)
    {
        if (!Telemetry.Tracing)
        {
            return env.Resolve(table);
        }

        var session = env.Resolve(table, out var origin);
        Resolved.Value = new ResolvedBinding(session, origin);
        return session;
    }

    /// <summary>
    /// A stream whose page requests report the binding resolved here, wherever it is enumerated (an async flow that
    /// enumerates later does not see this one's). The stream itself while nobody listens to traces.
    /// </summary>
    public static IAsyncEnumerable<T> KeepingBinding<T>(IAsyncEnumerable<T> stream) =>
        Telemetry.Tracing && Resolved.Value is { } resolved ? Rebound(stream, resolved) : stream;

    /// <summary><see cref="Single{Q, S, R}"/> while someone listens: the request observed, its outcome as a <see cref="Fin{A}"/>.</summary>
    private static async ValueTask<Fin<R>> ObservedSingle<Q, S, R>(
        SessionEnv env, DynamoTable table, Func<string, Q> build, Func<Q, string> operation, Func<IAmazonDynamoDB, Q, CancellationToken, Task<S>> send, Func<Q, S, R> map)
    {
        try
        {
            var session = Resolve(env, table);
            var place = PhysicalTable.In(session, table);
            var request = build(place.Name);
            return Fin<R>.Succ(await Observed(session, operation(request), place.Target, request, send, map, env.CancellationToken, null).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            return Fin<R>.Fail(Error.New(ex));
        }
    }

    private static async Task<R> Observed<Q, S, R>(
        AwsSession session, string operation, string target, Q request, Func<IAmazonDynamoDB, Q, CancellationToken, Task<S>> send, Func<Q, S, R> map, CancellationToken cancellationToken, Func<Exception, string?>? detail)
    {
        var (tables, logical) = TableNames(target);
        using var activity = Telemetry.Source.StartActivity(tables.Length == 1 ? operation + " " + tables[0] : operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, session, operation, tables, logical);
        }

        var started = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            return await Guarded(session, operation, target, request, send, map, cancellationToken, detail).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = Failures.Code(ex);
            if (activity is not null)
            {
                // The message names the operation, the table and the masked session only (Failures), never a secret.
                activity.SetStatus(ActivityStatusCode.Error, ex.Message);
                activity.SetTag(Telemetry.ErrorType, error);
                activity.AddException(ex);
            }

            throw;
        }
        finally
        {
            Measure(session, operation, tables, logical, Stopwatch.GetElapsedTime(started), error);
        }
    }

    private static void Describe(Activity activity, AwsSession session, string operation, string[] tables, string? logical)
    {
        activity.SetTag(Telemetry.DbSystemName, Telemetry.DbSystemValue);
        activity.SetTag(Telemetry.DbOperationName, operation);
        activity.SetTag(Telemetry.DynamoTableNames, tables);
        if (tables.Length == 1)
        {
            activity.SetTag(Telemetry.DbCollectionName, tables[0]);
        }

        if (logical is not null)
        {
            activity.SetTag(Telemetry.LogicalTableName, logical);
        }

        activity.SetTag(Telemetry.CloudRegion, Region(session));
        if (session.KnownAccountId is { } account)
        {
            activity.SetTag(Telemetry.CloudAccountId, account);
        }

        if (session.Endpoint is { } endpoint)
        {
            activity.SetTag(Telemetry.ServerAddress, endpoint.Host);
        }

        activity.SetTag(Telemetry.Session, session.ToString());
        activity.SetTag(Telemetry.SessionLabel, session.Label);
        var origin = Resolved.Value is { } resolved && ReferenceEquals(resolved.Session, session) ? resolved.Origin : BindingOrigin.Explicit;
        activity.SetTag(Telemetry.Binding, origin switch
        {
            BindingOrigin.RestoreScope => "scope",
            BindingOrigin.Keep => "keep",
            BindingOrigin.Default => "default",
            _ => "explicit",
        });
    }

    private static void Measure(AwsSession session, string operation, string[] tables, string? logical, TimeSpan elapsed, string? error)
    {
        var tags = new TagList
        {
            { Telemetry.DbSystemName, Telemetry.DbSystemValue },
            { Telemetry.DbOperationName, operation },
            { Telemetry.DbCollectionName, tables.Length == 1 ? tables[0] : string.Join(",", tables) },
            { Telemetry.SessionLabel, session.Label },
        };
        if (logical is not null)
        {
            tags.Add(Telemetry.LogicalTableName, logical);
        }

        if (error is not null)
        {
            tags.Add(Telemetry.ErrorType, error);
        }

        Telemetry.OperationDuration.Record(elapsed.TotalSeconds, in tags);
        Telemetry.Operations.Add(1, in tags);
    }

    /// <summary>The session's region, or the one the SDK chose for its client; unknown when the client cannot be made.</summary>
    private static string? Region(AwsSession session)
    {
        try
        {
            return session.Region ?? session.DynamoDB.Config.RegionEndpoint?.SystemName;
        }
        catch (Exception ex) when (ex is SessionConfigurationException or ObjectDisposedException)
        {
            // The request itself fails with this in a moment, with its context, and is recorded then.
            return null;
        }
    }

    /// <summary>
    /// The physical tables a target names (<c>table users</c>, or <c>tables a, b</c> for a transaction), and the logical
    /// names where a table naming made them differ (<c>table dev-users (logical users)</c>), comma-separated; null where
    /// none differs.
    /// </summary>
    private static (string[] Tables, string? Logical) TableNames(string target)
    {
        var named = target.StartsWith("tables ", StringComparison.Ordinal) ? target["tables ".Length..].Split(", ")
            : target.StartsWith("table ", StringComparison.Ordinal) ? [target["table ".Length..]]
            : [];
        const string Marker = " (logical ";
        if (!target.Contains(Marker, StringComparison.Ordinal))
        {
            return (named, null);
        }

        var logical = new string[named.Length];
        for (var i = 0; i < named.Length; i++)
        {
            var at = named[i].IndexOf(Marker, StringComparison.Ordinal);
            (named[i], logical[i]) = at < 0 ? (named[i], named[i]) : (named[i][..at], named[i][(at + Marker.Length)..^1]);
        }

        return (named, string.Join(",", logical));
    }

    private static async IAsyncEnumerable<T> Rebound<T>(IAsyncEnumerable<T> stream, ResolvedBinding resolved, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var items = stream.GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                // Each step runs in the enumerating flow, which restores its own async-locals afterwards: set it every time.
                Resolved.Value = resolved;
                if (!await items.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                yield return items.Current;
            }
        }
    }

    private sealed record ResolvedBinding(AwsSession Session, BindingOrigin Origin);
}

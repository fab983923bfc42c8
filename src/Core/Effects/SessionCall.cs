using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace SessionEffects;

/// <summary>
/// Where every request of every operation meets its session's client, inside <see cref="Failures.Guard{R}"/>, the
/// one place a failure is given its context (operation, table, masked session). Requests are built before they get
/// here, so a caller's bad input keeps its own exception type; what fails here is AWS, the transport or the session.
/// </summary>
/// <remarks>
/// The one place that observes requests, too: while someone listens, each request is an activity of the
/// <c>SessionEffects</c> source and a measurement of the <c>SessionEffects</c> meter; while nobody does, it runs exactly
/// as it would without them (one check). A failure is logged here, once per failed request.
/// </remarks>
internal static class SessionCall
{
    /// <summary>
    /// The session the current operation resolved its table to, and where it came from — remembered only while someone
    /// listens to traces, so the activity can say whether a scope, a keep or the default bound it.
    /// </summary>
    private static readonly AsyncLocal<ResolvedBinding?> Resolved = new();

    /// <summary>Sends one request through <paramref name="session"/>'s client.</summary>
    /// <param name="session">The session the operation resolved to.</param>
    /// <param name="operation">The DynamoDB operation, for messages.</param>
    /// <param name="target">What it addresses, for messages (<c>table users</c>).</param>
    /// <param name="request">Sends the request.</param>
    /// <param name="cancellationToken">The caller's token; cancellation by it is passed through unchanged.</param>
    /// <param name="detail">What only the operation knows about a failure, for the message.</param>
    public static Task<R> Run<R>(
        AwsSession session, string operation, string target, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken cancellationToken, Func<Exception, string?>? detail = null) =>
        Telemetry.Observed
            ? Observed(session, operation, target, request, cancellationToken, detail)
            : Guarded(session, operation, target, request, cancellationToken, detail);

    /// <summary>Sends one request addressed to a table.</summary>
    public static Task<R> Run<R>(AwsSession session, string operation, Table table, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken cancellationToken) =>
        Run(session, operation, "table " + table.Name, request, cancellationToken);

    /// <summary>
    /// The session <paramref name="table"/> resolves to in <paramref name="env"/>; while someone listens to traces, also
    /// remembered with its origin for the requests this operation sends.
    /// </summary>
    public static AwsSession Resolve(SessionEnv env, Table table)
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

    private static Task<R> Guarded<R>(
        AwsSession session, string operation, string target, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken cancellationToken, Func<Exception, string?>? detail) =>
        Failures.Guard(operation, target, session, async ct =>
        {
            try
            {
                // Leased while the request runs (an evicted pooled session is disposed only after the release), with its
                // credentials fetched on the async path first (the SDK's signer would otherwise block a thread for them).
                using var lease = await session.LeaseReadyAsync().ConfigureAwait(false);
                return await request(session.DynamoDB, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                LogFailure(ex, operation, target, session);
                throw;
            }
        }, cancellationToken, detail);

    private static async Task<R> Observed<R>(
        AwsSession session, string operation, string target, Func<IAmazonDynamoDB, CancellationToken, Task<R>> request, CancellationToken cancellationToken, Func<Exception, string?>? detail)
    {
        var tables = TableNames(target);
        using var activity = Telemetry.Source.StartActivity(tables.Length == 1 ? operation + " " + tables[0] : operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, session, operation, tables);
        }

        var started = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            return await Guarded(session, operation, target, request, cancellationToken, detail).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error = ErrorType(ex);
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
            Measure(session, operation, tables, Stopwatch.GetElapsedTime(started), error);
        }
    }

    private static void Describe(Activity activity, AwsSession session, string operation, string[] tables)
    {
        activity.SetTag(Telemetry.DbSystemName, Telemetry.DbSystemValue);
        activity.SetTag(Telemetry.DbOperationName, operation);
        activity.SetTag(Telemetry.TableNames, tables);
        if (tables.Length == 1)
        {
            activity.SetTag(Telemetry.DbCollectionName, tables[0]);
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

    private static void Measure(AwsSession session, string operation, string[] tables, TimeSpan elapsed, string? error)
    {
        var tags = new TagList
        {
            { Telemetry.DbSystemName, Telemetry.DbSystemValue },
            { Telemetry.DbOperationName, operation },
            { Telemetry.DbCollectionName, tables.Length == 1 ? tables[0] : string.Join(",", tables) },
            { Telemetry.SessionLabel, session.Label },
        };
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

    /// <summary>The tables a target names: <c>table users</c>, or <c>tables a, b</c> for a transaction.</summary>
    private static string[] TableNames(string target) =>
        target.StartsWith("tables ", StringComparison.Ordinal) ? target["tables ".Length..].Split(", ")
        : target.StartsWith("table ", StringComparison.Ordinal) ? [target["table ".Length..]]
        : [];

    /// <summary>What failed, as OpenTelemetry's <c>error.type</c> wants it: AWS's error code, else the exception type.</summary>
    private static string ErrorType(Exception exception) =>
        exception is AmazonServiceException { ErrorCode: { Length: > 0 } code } ? code : exception.GetType().FullName ?? exception.GetType().Name;

    private static void LogFailure(Exception exception, string operation, string target, AwsSession session)
    {
        if (exception is ConditionalCheckFailedException or TransactionCanceledException)
        {
            // An unmet condition is an answer the caller asked for (optimistic locking, a guarded write), not a fault.
            Log.ConditionNotMet(Log.Requests, operation, target, session, ErrorType(exception));
        }
        else
        {
            Log.RequestFailed(Log.Requests, exception, operation, target, session, ErrorType(exception));
        }
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

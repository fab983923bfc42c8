using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace SessionEffects;

/// <summary>
/// Every log line SessionEffects writes, source-generated (<see cref="LoggerMessageAttribute"/>): a disabled level costs
/// one <c>IsEnabled</c> check and formats nothing. Sessions are passed as objects and formatted by their masked
/// <c>ToString</c>; no secret or token is ever an argument. Levels: switches and resets Debug, assumed roles and
/// credential refreshes Information, retries, throttling and unprocessed items Warning, failures Error — and nothing at
/// Information or above for a data operation that succeeds.
/// </summary>
internal static partial class Log
{
    private static Loggers current = Loggers.None;

    /// <summary>The factory the loggers came from.</summary>
    public static ILoggerFactory Factory => Volatile.Read(ref current).Factory;

    public static ILogger Scopes => Volatile.Read(ref current).Scopes;

    public static ILogger Sessions => Volatile.Read(ref current).Sessions;

    public static ILogger Requests => Volatile.Read(ref current).Requests;

    /// <summary>Makes <paramref name="factory"/> the destination of every later log line (none when null).</summary>
    public static void Use(ILoggerFactory? factory) =>
        Volatile.Write(ref current, factory is null ? Loggers.None : new Loggers(factory));

    [LoggerMessage(EventId = 1, EventName = "SessionSwitched", Level = LogLevel.Debug, Message = "Table {Table} switched to {Session} ({Mode})")]
    public static partial void SessionSwitched(ILogger logger, string table, object session, string mode);

    [LoggerMessage(EventId = 2, EventName = "ConnectionReset", Level = LogLevel.Debug, Message = "Table {Table} reset to the default session")]
    public static partial void ConnectionReset(ILogger logger, string table);

    [LoggerMessage(EventId = 10, EventName = "RoleAssumed", Level = LogLevel.Information,
        Message = "Assumed role {RoleArn} as session {RoleSessionName} via {Source}; the credentials expire at {Expiration:o}")]
    public static partial void RoleAssumed(ILogger logger, string roleArn, string roleSessionName, string source, DateTime expiration);

    [LoggerMessage(EventId = 11, EventName = "CredentialsRefreshed", Level = LogLevel.Information,
        Message = "Refreshed the credentials of role {RoleArn} (session {RoleSessionName}); they expire at {Expiration:o}")]
    public static partial void CredentialsRefreshed(ILogger logger, string roleArn, string roleSessionName, DateTime expiration);

    [LoggerMessage(EventId = 12, EventName = "AssumeRoleRetry", Level = LogLevel.Warning,
        Message = "AssumeRole {RoleArn} attempt {Attempt} of {Attempts} failed ({Reason}); retrying in {DelayMilliseconds} ms")]
    public static partial void AssumeRoleRetry(ILogger logger, string roleArn, int attempt, int attempts, string reason, long delayMilliseconds);

    [LoggerMessage(EventId = 13, EventName = "AssumeRoleFailed", Level = LogLevel.Error,
        Message = "AssumeRole {RoleArn} failed after {Attempts} attempt(s) ({Reason})")]
    public static partial void AssumeRoleFailed(ILogger logger, Exception exception, string roleArn, int attempts, string reason);

    [LoggerMessage(EventId = 14, EventName = "BackgroundRefreshFailed", Level = LogLevel.Warning,
        Message = "The background refresh of role {RoleArn} (session {RoleSessionName}) failed ({Reason}); the current credentials stay until the next request tries again")]
    public static partial void BackgroundRefreshFailed(ILogger logger, Exception exception, string roleArn, string roleSessionName, string reason);

    [LoggerMessage(EventId = 15, EventName = "SynchronousCredentialFetch", Level = LogLevel.Warning,
        Message = "The credentials of role {RoleArn} (session {RoleSessionName}) were fetched on the SDK's synchronous path, blocking a thread for the STS call; ask for them with GetCredentialsAsync, or use the session's own clients")]
    public static partial void SynchronousCredentialFetch(ILogger logger, string roleArn, string roleSessionName);

    [LoggerMessage(EventId = 20, EventName = "UnprocessedItems", Level = LogLevel.Warning,
        Message = "{Operation} on table {Table}: DynamoDB left {Count} {What} unprocessed; retry {Attempt} in {DelayMilliseconds} ms")]
    public static partial void Unprocessed(ILogger logger, string operation, string table, int count, string what, int attempt, long delayMilliseconds);

    [LoggerMessage(EventId = 21, EventName = "Throttled", Level = LogLevel.Warning,
        Message = "{Operation} on table {Table} via {Session} was throttled ({Reason}); retry {Attempt} in {DelayMilliseconds} ms")]
    public static partial void Throttled(ILogger logger, string operation, string table, object session, string reason, int attempt, long delayMilliseconds);

    [LoggerMessage(EventId = 22, EventName = "RequestFailed", Level = LogLevel.Error, Message = "{Operation} on {Target} via {Session} failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string operation, string target, object session, string reason);

    [LoggerMessage(EventId = 23, EventName = "ConditionNotMet", Level = LogLevel.Debug, Message = "{Operation} on {Target} via {Session}: {Reason}")]
    public static partial void ConditionNotMet(ILogger logger, string operation, string target, object session, string reason);

    [LoggerMessage(EventId = 30, EventName = "MirrorWriteFailed", Level = LogLevel.Warning,
        Message = "{Operation}: {Count} item states accepted by the primary did not reach the secondary {Session}; their keys are recorded for repair")]
    public static partial void MirrorWriteFailed(ILogger logger, Exception exception, string operation, int count, object session);

    [LoggerMessage(EventId = 31, EventName = "DirtyKeyTableWriteFailed", Level = LogLevel.Warning,
        Message = "{Operation} of an owed key in the dirty-key table {Table} via {Session} failed; the key stays owed in memory and a reconcile's comparison finds it")]
    public static partial void DirtyKeyTableWriteFailed(ILogger logger, Exception exception, string operation, string table, object session);
}

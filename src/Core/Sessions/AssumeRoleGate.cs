using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace SessionEffects;

/// <summary>
/// How <c>AssumeRole</c> calls reach STS: at most a given number in flight at once, and retried — with capped
/// exponential backoff and jitter — when STS throttles (<c>Throttling</c>, HTTP 429), fails on its side (HTTP 5xx) or
/// the network fails. Every session's credential fetches go through one (first fetch, warm-up and every refresh);
/// a <see cref="SessionPool{TKey}"/> gives the sessions it creates its own, shared one, and counts through it.
/// </summary>
/// <remarks>
/// The STS client that <see cref="AssumedRoleCredentials"/> uses has the SDK's own retries turned off, so this is the
/// one retry policy: the SDK's would add a second backoff inside each attempt, and its retry quota is shared by the
/// whole process. A slot is held during the backoff too: when STS throttles, waiting callers should slow the pool
/// down, not let others through at full speed.
/// </remarks>
internal sealed class AssumeRoleGate
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "SlowDown",
    };

    private readonly SemaphoreSlim? slots;
    private readonly int attempts;
    private readonly TimeSpan baseDelay;
    private readonly TimeSpan maxDelay;
    private readonly TimeProvider time;
    private long calls;
    private long retries;
    private long failures;
    private int inFlight;

    public AssumeRoleGate(int maxConcurrent, int attempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time)
    {
        slots = maxConcurrent == int.MaxValue ? null : new SemaphoreSlim(maxConcurrent, maxConcurrent);
        this.attempts = attempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.time = time;
    }

    /// <summary>How many times a credential fetch is attempted unless configured (pools and single sessions alike).</summary>
    public const int DefaultAttempts = 6;

    /// <summary>The first retry's backoff unless configured.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest backoff unless configured.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>The gate of sessions outside any pool that configure no retries of their own: no concurrency limit, the default retries.</summary>
    public static AssumeRoleGate Unpooled { get; } = new(int.MaxValue, DefaultAttempts, DefaultBaseDelay, DefaultMaxDelay, TimeProvider.System);

    /// <summary>Requests sent to STS (every attempt).</summary>
    public long Calls => Interlocked.Read(ref calls);

    /// <summary>Attempts that failed in a retryable way and were tried again.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Credential fetches that failed for good (not retryable, or out of attempts).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Credential fetches holding a slot right now: sending to STS or waiting in backoff to try again.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Runs one credential fetch through the gate.</summary>
    /// <param name="call">The AssumeRole request.</param>
    /// <param name="roleArn">The role, for the log lines of retries and failures.</param>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, string roleArn)
    {
        if (slots is not null)
        {
            await slots.WaitAsync().ConfigureAwait(false);
        }

        Interlocked.Increment(ref inFlight);
        try
        {
            var delay = TimeSpan.Zero;
            for (var attempt = 1; ; attempt++)
            {
                Interlocked.Increment(ref calls);
                try
                {
                    return await call().ConfigureAwait(false);
                }
                catch (Exception ex) when (attempt < attempts && IsRetryable(ex))
                {
                    Interlocked.Increment(ref retries);
                    delay = Backoff.Delay(attempt, baseDelay, maxDelay);
                    Log.AssumeRoleRetry(Log.Sessions, roleArn, attempt, attempts, SessionEffects.Failures.Code(ex), (long)delay.TotalMilliseconds);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failures);
                    Log.AssumeRoleFailed(Log.Sessions, ex, roleArn, attempt, SessionEffects.Failures.Code(ex));
                    throw;
                }

                await Task.Delay(delay, time).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            slots?.Release();
        }
    }

    /// <summary>Whether STS or the network may well answer differently if asked again a little later.</summary>
    public static bool IsRetryable(Exception exception) => exception switch
    {
        AmazonServiceException service when service.ErrorCode is { } code && ThrottlingCodes.Contains(code) => true,
        AmazonServiceException service when service.StatusCode == HttpStatusCode.TooManyRequests || (int)service.StatusCode >= 500 => true,
        AmazonServiceException { InnerException: HttpRequestException or IOException } => true,
        HttpRequestException or IOException => true,
        _ => false,
    };
}

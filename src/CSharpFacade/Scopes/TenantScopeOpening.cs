using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace SessionEffects.CSharp;

/// <summary>
/// What <see cref="SessionPoolExtensions.UseTenantAsync"/> returns: the tenant's session being found, made or warmed
/// (its credentials fetched) without blocking a thread, and, when awaited, the open <see cref="SessionScope"/>.
/// Await it once, right away: <c>await using var scope = await pool.UseTenantAsync(table, tenant, ct);</c>.
/// </summary>
/// <remarks>
/// Why not a <c>Task&lt;SessionScope&gt;</c>: a scope is an <c>AsyncLocal</c> change, and a change made inside an async
/// method is undone when that method returns, so a scope opened in a task would be gone by the time the caller's
/// <c>await</c> resumed. This awaitable opens the scope in the awaiter's <c>GetResult</c>, which runs in the caller's own
/// flow as it resumes, so the scope is visible to the code after the <c>await</c> and closes with the caller's
/// <c>using</c>. The session is leased as soon as it is found; an opening that is never awaited keeps that lease.
/// </remarks>
public readonly struct TenantScopeOpening : IEquatable<TenantScopeOpening>
{
    private readonly Task<SessionLease> lease;
    private readonly DynamoTable table;

    internal TenantScopeOpening(Task<SessionLease> lease, DynamoTable table)
    {
        this.lease = lease;
        this.table = table;
    }

    /// <summary>The awaiter (for <c>await</c>).</summary>
    public Awaiter GetAwaiter() => new(lease, table);

    /// <inheritdoc/>
    public bool Equals(TenantScopeOpening other) => ReferenceEquals(lease, other.lease) && ReferenceEquals(table, other.table);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TenantScopeOpening other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(lease, table);

    /// <summary>Whether two openings are the same one.</summary>
    public static bool operator ==(TenantScopeOpening left, TenantScopeOpening right) => left.Equals(right);

    /// <summary>Whether two openings are different ones.</summary>
    public static bool operator !=(TenantScopeOpening left, TenantScopeOpening right) => !left.Equals(right);

    /// <summary>Waits for the tenant's session and opens its scope in the awaiting flow.</summary>
    public readonly struct Awaiter : ICriticalNotifyCompletion
    {
        private readonly Task<SessionLease> lease;
        private readonly DynamoTable table;

        internal Awaiter(Task<SessionLease> lease, DynamoTable table)
        {
            this.lease = lease;
            this.table = table;
        }

        /// <summary>Whether the session is ready (a cached tenant with valid credentials is, at once).</summary>
        public bool IsCompleted => lease.IsCompleted;

        /// <summary>Opens the scope in the flow that awaits; rethrows what finding, making or warming the session threw.</summary>
        /// <returns>The open scope; dispose it in the same method (<c>await using</c> or <c>using</c>).</returns>
        public SessionScope GetResult() => SessionScope.Enter(table, lease.GetAwaiter().GetResult());

        // The continuation is the caller's own code: it resumes where a plain await would (the caller's context, if any).

        /// <inheritdoc/>
        public void OnCompleted(Action continuation) => lease.GetAwaiter().OnCompleted(continuation);

        /// <inheritdoc/>
        public void UnsafeOnCompleted(Action continuation) => lease.GetAwaiter().UnsafeOnCompleted(continuation);
    }
}

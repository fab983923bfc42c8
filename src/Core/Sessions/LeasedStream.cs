using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// A stream that keeps its session leased from the moment it is made until its enumeration ends, so a stream that
/// leaves the operation (or scope) that made it still reads through a live session, even if a pool evicts it meanwhile.
/// </summary>
/// <remarks>
/// The lease is taken when the stream is made — while the operation that resolved the session still holds its own —
/// so there is no moment without one. The first enumerator takes that lease over; later enumerations lease afresh.
/// A stream that is never enumerated gives its lease back when the garbage collector finalizes it, so an evicted
/// pooled session it held is disposed then rather than never.
/// </remarks>
internal sealed class LeasedStream<T> : IAsyncEnumerable<T>
{
    private readonly AwsSession session;
    private readonly IAsyncEnumerable<T> source;
    private int firstLeaseTaken;

    public LeasedStream(AwsSession session, IAsyncEnumerable<T> source)
    {
        this.session = session;
        this.source = source;
        session.Lease();
    }

    /// <summary>A stream dropped without being enumerated: the lease it took when it was made goes back.</summary>
    ~LeasedStream()
    {
        if (Interlocked.Exchange(ref firstLeaseTaken, 1) == 0)
        {
            session.Release();
        }
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var lease = Interlocked.Exchange(ref firstLeaseTaken, 1) == 0 ? new SessionLease(session) : session.Lease();
        try
        {
            return new Enumerator(source.GetAsyncEnumerator(cancellationToken), lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private sealed class Enumerator(IAsyncEnumerator<T> inner, SessionLease lease) : IAsyncEnumerator<T>
    {
        private int released;

        public T Current => inner.Current;

        public ValueTask<bool> MoveNextAsync() => inner.MoveNextAsync();

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                {
                    lease.Dispose();
                }
            }
        }
    }
}

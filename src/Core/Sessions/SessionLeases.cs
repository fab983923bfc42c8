using System.Threading;

namespace SessionEffects;

/// <summary>
/// The lifetime of a pooled session as one atomic state: how many operations hold it (leases), whether its pool has
/// let go of it (retired), and whether it has been disposed after that. A retired session is disposed exactly once,
/// by whichever of <see cref="Retire"/> and the last <see cref="Release"/> comes last; once it is, no lease is
/// granted. One state decides between a lease and the disposal, so neither can slip between the other's check and act.
/// </summary>
internal sealed class SessionLeases
{
    private const int RetiredFlag = 1 << 30;
    private const int DisposedFlag = int.MinValue;

    // The low bits count the leases, RetiredFlag marks a retired session, and the sign bit one that has been disposed.
    private int state;

    /// <summary>How many leases are held right now.</summary>
    public int Count => Volatile.Read(ref state) & (RetiredFlag - 1);

    /// <summary>Whether the pool has let go of the session.</summary>
    public bool IsRetired => (Volatile.Read(ref state) & RetiredFlag) != 0;

    /// <summary>Takes a lease; false when the session was retired and disposed, when none can be granted any more.</summary>
    public bool TryTake()
    {
        var seen = Volatile.Read(ref state);
        while (true)
        {
            if (seen < 0)
            {
                return false;
            }

            var before = Interlocked.CompareExchange(ref state, seen + 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }
    }

    /// <summary>Gives a lease back; true when that was the last lease of a retired session, which the caller must now dispose.</summary>
    public bool Release() => Interlocked.Decrement(ref state) == RetiredFlag && TryClaimDisposal();

    /// <summary>Retires the session; true when no lease holds it, so the caller must dispose it now.</summary>
    public bool Retire() => Interlocked.Or(ref state, RetiredFlag) == 0 && TryClaimDisposal();

    /// <summary>Only one of a racing lease and this exchange wins: either the lease keeps the session, or it is disposed.</summary>
    private bool TryClaimDisposal() => Interlocked.CompareExchange(ref state, RetiredFlag | DisposedFlag, RetiredFlag) == RetiredFlag;
}

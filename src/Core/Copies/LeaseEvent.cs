using System;
using System.Globalization;

namespace SessionEffects;

/// <summary>
/// One transition of a segment's lease as its row records it when the job keeps a lease history: the version it
/// made, the state, owner, claim count, expiry and items after it, and when the writer made it (the writer's clock).
/// Stored in the row itself, so a transition and its record are one conditional write: the history can have no gap
/// and no entry of a write that lost.
/// </summary>
/// <param name="Version">The row's version after the transition.</param>
/// <param name="State">The state after it.</param>
/// <param name="Owner">The worker that made it.</param>
/// <param name="Claims">The claim count after it (one more than before for a claim or a takeover).</param>
/// <param name="At">When it was made, by the writer's clock.</param>
/// <param name="ExpiresAt">The lease's expiry after it; null once done.</param>
/// <param name="ItemsWritten">The segment's item count after it.</param>
internal sealed record LeaseEvent(long Version, SegmentState State, string Owner, int Claims, DateTimeOffset At, DateTimeOffset? ExpiresAt, long ItemsWritten)
{
    /// <summary>The event of the row <paramref name="lease"/> as written at <paramref name="at"/>.</summary>
    public static LeaseEvent Of(SegmentLease lease, DateTimeOffset at) =>
        new(lease.Version, lease.State, lease.Owner ?? string.Empty, lease.Claims, at, lease.ExpiresAt, lease.ItemsWritten);

    /// <summary>One compact line, <c>version|state|claims|at|expires|items|owner</c> (times in Unix milliseconds; the owner last, since it may hold any character).</summary>
    public string Encode() => string.Join(
        '|',
        Version.ToString(CultureInfo.InvariantCulture),
        State.ToString(),
        Claims.ToString(CultureInfo.InvariantCulture),
        At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        ExpiresAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "-",
        ItemsWritten.ToString(CultureInfo.InvariantCulture),
        Owner);

    /// <summary>The event <see cref="Encode"/> wrote.</summary>
    /// <exception cref="FormatException">The line is not one.</exception>
    public static LeaseEvent Decode(string line)
    {
        var parts = line.Split('|', 7);
        if (parts.Length != 7)
        {
            throw new FormatException($"'{line}' is not a lease history entry.");
        }

        static long Long(string text) => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new LeaseEvent(
            Long(parts[0]),
            Enum.Parse<SegmentState>(parts[1]),
            parts[6],
            (int)Long(parts[2]),
            DateTimeOffset.FromUnixTimeMilliseconds(Long(parts[3])),
            parts[4] == "-" ? null : DateTimeOffset.FromUnixTimeMilliseconds(Long(parts[4])),
            Long(parts[5]));
    }
}

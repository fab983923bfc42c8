using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// Per-key mutual exclusion for a mirror, in stripes: a write holds the stripes of its keys from the primary's request
/// until its state is on the secondary, so two flows of this process writing one item reach the secondary in the order
/// they reached the primary, and a repair (read the primary, write the secondary) cannot overwrite a newer mirrored state.
/// Several keys are taken in ascending stripe order, so two writes of overlapping key sets never wait on each other in a circle.
/// </summary>
internal sealed class KeyStripes
{
    private readonly SemaphoreSlim[] stripes;

    public KeyStripes(int count) => stripes = [.. Enumerable.Range(0, count).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for the stripes of <paramref name="keys"/>; dispose the result to let them go.</summary>
    public async ValueTask<Held> EnterAsync(IEnumerable<MirrorKey> keys, CancellationToken cancellationToken)
    {
        var order = keys.Select(k => (int)((uint)k.GetHashCode() % (uint)stripes.Length)).Distinct().Order().ToArray();
        var taken = 0;
        try
        {
            for (; taken < order.Length; taken++)
            {
                await stripes[order[taken]].WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            Release(order, taken);
            throw;
        }

        return new Held(this, order);
    }

    private void Release(int[] order, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            stripes[order[i]].Release();
        }
    }

    /// <summary>Stripes held until disposed.</summary>
    internal readonly struct Held : IDisposable
    {
        private readonly KeyStripes owner;
        private readonly int[] order;

        public Held(KeyStripes owner, int[] order)
        {
            this.owner = owner;
            this.order = order;
        }

        public void Dispose() => owner?.Release(order, order.Length);
    }
}

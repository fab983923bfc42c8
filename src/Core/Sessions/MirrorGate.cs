using System;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// The gate a mirror's writes pass and a change of direction closes: any number of writes at once; a change waits for
/// the writes already inside to finish (on both sides) and holds new ones until it is done, so no write is mirrored
/// half in the old direction and half in the new.
/// </summary>
internal sealed class MirrorGate
{
    private readonly object sync = new();
    private readonly SemaphoreSlim changes = new(1, 1);
    private int inside;
    private TaskCompletionSource? reopened;
    private TaskCompletionSource? drained;

    /// <summary>Enters (waiting while a change is under way); <see cref="Exit"/> when the write is mirrored.</summary>
    public async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (sync)
            {
                if (reopened is null)
                {
                    inside++;
                    return;
                }

                wait = reopened.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Exit()
    {
        lock (sync)
        {
            if (--inside == 0)
            {
                drained?.TrySetResult();
            }
        }
    }

    /// <summary>Closes the gate, waits until no write is inside, runs <paramref name="change"/>, opens the gate.</summary>
    public async Task<T> ChangeAsync<T>(Func<T> change, CancellationToken cancellationToken)
    {
        await changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Task empty;
            lock (sync)
            {
                reopened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (inside == 0)
                {
                    drained.TrySetResult();
                }

                empty = drained.Task;
            }

            try
            {
                await empty.WaitAsync(cancellationToken).ConfigureAwait(false);
                return change();
            }
            finally
            {
                TaskCompletionSource open;
                lock (sync)
                {
                    open = reopened!;
                    reopened = null;
                    drained = null;
                }

                open.TrySetResult();
            }
        }
        finally
        {
            changes.Release();
        }
    }
}

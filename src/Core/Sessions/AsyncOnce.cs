using System;
using System.Threading;
using System.Threading.Tasks;

namespace SessionEffects;

/// <summary>
/// Runs an asynchronous fetch at most once at a time and caches its success; a failed or cancelled fetch is forgotten
/// so the next caller tries again. Callers cancel their own wait, never the shared fetch.
/// </summary>
internal sealed class AsyncOnce<T>
{
    private readonly Func<CancellationToken, Task<T>> fetch;
    private readonly Lock gate = new();
    private Task<T>? current;

    public AsyncOnce(Func<CancellationToken, Task<T>> fetch) => this.fetch = fetch;

    /// <summary>The cached value, if a fetch has succeeded; never starts one.</summary>
    public T? Completed => Volatile.Read(ref current) is { IsCompletedSuccessfully: true } done ? done.Result : default;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> task;
        lock (gate)
        {
            if (current is null || current.IsFaulted || current.IsCanceled)
            {
                current = Task.Run(() => fetch(CancellationToken.None), CancellationToken.None);
            }

            task = current;
        }

        return task.WaitAsync(cancellationToken);
    }
}

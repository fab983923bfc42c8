using System;
using System.Diagnostics;
using System.Threading;

namespace SessionEffects.Properties.Pool;

/// <summary>
/// Measures how long a work item waits in the thread pool's queue, every 20 ms on its own thread, and keeps the worst:
/// threads blocked on I/O show up as a growing queueing delay. Reported by tests, never asserted (it is timing).
/// </summary>
internal sealed class QueueDelayProbe : IDisposable
{
    private readonly Thread thread;
    private volatile bool running = true;
    private long worstTicks;

    public QueueDelayProbe()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "queue-delay-probe" };
        thread.Start();
    }

    public TimeSpan Worst => TimeSpan.FromTicks(Interlocked.Read(ref worstTicks));

    public void Dispose()
    {
        running = false;
        thread.Join();
    }

    private void Run()
    {
        using var ran = new ManualResetEventSlim();
        while (running)
        {
            ran.Reset();
            var queued = Stopwatch.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(static e => e.Set(), ran, preferLocal: false);
            ran.Wait(TimeSpan.FromSeconds(30));
            var delay = Stopwatch.GetElapsedTime(queued).Ticks;
            if (delay > Interlocked.Read(ref worstTicks))
            {
                Interlocked.Exchange(ref worstTicks, delay);
            }

            Thread.Sleep(20);
        }
    }
}

namespace SessionEffects;

/// <summary>What one worker of a copy job did.</summary>
/// <param name="Job">The job's definition as its lease table stores it.</param>
/// <param name="WorkerId">This worker's id.</param>
/// <param name="SegmentsCompleted">Segments this worker finished.</param>
/// <param name="ItemsWritten">Items this worker wrote (a page another worker had written before a takeover counts again).</param>
/// <param name="Takeovers">Segments this worker took over from a worker whose lease had run out.</param>
/// <param name="AlreadyFinished">The job was finished before this worker started: it did nothing.</param>
public sealed record CopyWorkerResult(CopyJobDefinition Job, string WorkerId, int SegmentsCompleted, long ItemsWritten, int Takeovers, bool AlreadyFinished)
{
    /// <summary>What the worker did, in one sentence.</summary>
    public override string ToString() => AlreadyFinished
        ? $"{Job} was already finished: every segment is done, nothing to do."
        : $"Worker {WorkerId} of {Job}: {SegmentsCompleted} segment(s) finished ({Takeovers} taken over), {ItemsWritten} item(s) written; every segment is done.";
}

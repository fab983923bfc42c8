namespace SessionEffects;

/// <summary>What one worker of a verify job did, and the job's result once every segment is done.</summary>
/// <param name="Job">The job's definition as its lease table stores it.</param>
/// <param name="WorkerId">This worker's id.</param>
/// <param name="SegmentsCompleted">Segments this worker finished.</param>
/// <param name="Takeovers">Segments this worker took over from a worker whose lease ran out.</param>
/// <param name="AlreadyFinished">The job was done before this worker started: it compared nothing.</param>
/// <param name="Result">The whole job's result: every segment's counts added, the first keys of each kind in segment order.</param>
public sealed record VerifyWorkerResult(CopyJobDefinition Job, string WorkerId, int SegmentsCompleted, int Takeovers, bool AlreadyFinished, VerifyResult Result)
{
    /// <summary>The worker and the job's result.</summary>
    public override string ToString() =>
        AlreadyFinished ? $"{Job} was already verified: {Result}" : $"worker {WorkerId} verified {SegmentsCompleted} segment(s) of {Job} ({Takeovers} taken over); the job: {Result}";
}
